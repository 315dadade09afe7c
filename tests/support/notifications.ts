import { DevOutboxMailer, Notifications, type Mailer, type TelegramBot } from '@panda/api';
import type { Clock } from '@panda/shared';
import type { TestServer } from './server.js';

/**
 * A notification dispatcher on a test server's database, as another process of the school would
 * run it (mail to the dev outbox unless told otherwise).
 */
export function testNotifications(server: TestServer, clock: Clock, options: { mailer?: Mailer; telegram?: TelegramBot } = {}): Notifications {
  return new Notifications({
    db: server.db,
    clock,
    mailer: options.mailer ?? new DevOutboxMailer(server.db),
    telegram: options.telegram,
    logger: { warn: () => undefined },
    publicUrl: server.localUrl,
  });
}
