import type { ApiDeps } from './deps.js';
import { AuthService } from './modules/auth/auth-service.js';
import { EmailCodeStore } from './modules/auth/email-code-store.js';
import { Sessions } from './modules/auth/sessions.js';
import type { CreditLedger } from './modules/credits/credit-ledger.js';
import { FileStore } from './modules/files/file-store.js';
import { TelegramLinks } from './modules/notifications/telegram-links.js';
import { PaymentService } from './modules/payments/payment-service.js';
import { PlacementService } from './modules/placement/placement-service.js';
import { LessonJournal } from './modules/schedule/lesson-journal.js';
import { LessonReplays } from './modules/schedule/lesson-replay.js';
import { ScheduleService } from './modules/schedule/schedule-service.js';
import { StudentCards } from './modules/students/student-cards.js';

/** The school's services: built once, here, and handed to the API's modules and the process's sweeps. */
export interface SchoolServices {
  ledger: CreditLedger;
  schedule: ScheduleService;
  lessonJournal: LessonJournal;
  lessonReplays: LessonReplays;
  placement: PlacementService;
  payments: PaymentService;
  studentCards: StudentCards;
  auth: AuthService;
  sessions: Sessions;
  emailCodes: EmailCodeStore;
  files: FileStore;
  /** Linking Telegram accounts; undefined when the school has no bot. */
  telegramLinks: TelegramLinks | undefined;
}

/** The one composition of the services; the ledger is the process's own (the lesson room uses it too). */
export function createServices(deps: ApiDeps, ledger: CreditLedger): SchoolServices {
  const { db, clock, notifications, settings, logger } = deps;
  const schedule = new ScheduleService(db, clock, ledger, notifications, settings.schedule);
  const bot = notifications.telegram;
  const emailCodes = new EmailCodeStore(deps);
  return {
    ledger,
    schedule,
    lessonJournal: new LessonJournal(db, clock, schedule),
    lessonReplays: new LessonReplays(db, clock, settings.uploads.linkSecret),
    placement: new PlacementService(deps, emailCodes),
    payments: new PaymentService({ db, clock, ledger, provider: deps.payments, publicUrl: settings.publicUrl, logger }),
    studentCards: new StudentCards(db, clock, ledger),
    auth: new AuthService(deps, emailCodes),
    sessions: new Sessions(db, clock),
    emailCodes,
    files: new FileStore(settings.uploads.dir),
    telegramLinks: bot ? new TelegramLinks(db, clock, bot) : undefined,
  };
}
