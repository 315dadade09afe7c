import { pino, type DestinationStream, type Logger } from 'pino';

const REDACTED = '[redacted]';

/** Keys that travel in an address: a file link's signature, a board's token, a calendar feed's own path. */
function scrubUrl(url: string): string {
  return url.replace(/([?&](?:signature|token)=)[^&#]*/gi, `$1${REDACTED}`).replace(/(\/calendar\/ics\/)[^/?#]+/, `$1${REDACTED}`);
}

/**
 * Secrets never reach the log: tokens, cookies, passwords and the keys in addresses are censored
 * wherever they appear. The log goes to stdout unless another destination is given (tests read it).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.url',
          'req.query.signature',
          'req.query.token',
          'req.params.token',
          'req.headers.authorization',
          'req.headers.cookie',
          // Telegram's proof that an update is from Telegram (derived from SECRET_KEY).
          'req.headers["x-telegram-bot-api-secret-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.newPassword',
          '*.token',
          '*.accessToken',
          '*.refreshToken',
        ],
        censor: (value, path) => (path.join('.') === 'req.url' && typeof value === 'string' ? scrubUrl(value) : REDACTED),
      },
    },
    destination,
  );
}
