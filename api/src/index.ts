export { createApi, API_MODULES } from './app.js';
export type { ApiDeps, ApiSettings } from './deps.js';
export type { ApiModule } from './module.js';
export { AccessTokens } from './modules/auth/access-tokens.js';
export { hashPassword } from './modules/auth/passwords.js';
export { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './http/rate-limit.js';
export { DevOutboxMailer, SmtpMailer, type Mailer } from './mail/mailer.js';
export type { AuthUser } from './http/authenticate.js';
export { publishAgreementVersions } from './agreement.js';
