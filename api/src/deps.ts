import type { Db } from '@panda/db';
import type { Clock } from '@panda/shared';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { RateLimiter } from './http/rate-limit.js';
import type { Mailer } from './mail/mailer.js';
import type { AccessTokens } from './modules/auth/access-tokens.js';
import type { CreditRules } from './modules/credits/credit-rules.js';
import type { Notifications } from './modules/notifications/notifications.js';
import type { ScheduleSettings } from './modules/schedule/schedule-rules.js';
import type { PaymentProvider } from './payments/provider.js';
import type { SchoolServices } from './services.js';

export interface ApiSettings {
  /** The address people open, e.g. `https://school.example`; decides whether cookies are Secure. */
  publicUrl: string;
  /** Keys the hashes of e-mailed codes. */
  codeSecret: string;
  /** Attempts per client address per minute on each sign-in/sign-up endpoint. */
  authRateLimitPerMinute: number;
  version: string;
  /** Told to the UI so it can say when a lesson's room opens. */
  roomOpensBeforeMinutes: number;
  /** tldraw's licence key, told to the UI. */
  boardLicenseKey?: string | undefined;
  /** Uploaded files: where they are kept, the largest accepted, and the key that signs their links. */
  uploads: { dir: string; maxBytes: number; linkSecret: string };
  /** Lesson credits: the cancellation window, validity, the day-27 choice, freeze limits. */
  credits: CreditRules;
  /** The schedule: lesson lengths offered, how far ahead weekly series have lessons. */
  schedule: ScheduleSettings;
}

/** Everything the API's modules are given; nothing reaches for globals. */
export interface ApiDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  /** Queues and sends notifications (in the app, by e-mail, on Telegram). */
  notifications: Notifications;
  accessTokens: AccessTokens;
  rateLimiter: RateLimiter;
  logger: Logger;
  metrics: Registry;
  /** The online payment provider (PAYMENT_PROVIDER); undefined when online payments are off. */
  payments: PaymentProvider | undefined;
  settings: ApiSettings;
}

/** What a module registers its operations with: the process's parts and the services built from them once. */
export interface ModuleDeps extends ApiDeps {
  services: SchoolServices;
}
