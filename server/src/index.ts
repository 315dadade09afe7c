export { startServer, type RunningServer, type ServerOptions, type ServerRole } from './server.js';
export { loadConfig, ConfigError, type Config } from './config.js';
export { createLogger } from './logger.js';
export { deriveKey } from './secrets.js';
export { DEMO_PASSWORD, DEMO_PEOPLE } from './demo/index.js';
export { PAGE_CONTENT_SECURITY_POLICY } from './security-headers.js';
