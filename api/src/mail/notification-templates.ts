import type { Language, Locale, NotificationKind } from '@panda/shared';

/** A lesson as a notification names it; `startsAt` is an ISO instant, shown in the reader's time zone. */
export interface LessonRef {
  lessonId: string;
  startsAt: string;
  language: Language;
  /** The other side: the teacher's name for a student, the students' names for the teacher. */
  with: string;
}

interface HomeworkRef {
  homeworkId: string;
  title: string;
  dueAt: string;
}

/** What each kind of notification carries (stored as the job's JSON `data`). */
export interface NotificationData {
  lesson_reminder_24h: LessonRef;
  lesson_reminder_1h: LessonRef;
  lesson_cancelled: LessonRef & { by: string };
  lesson_moved: LessonRef & { from: string; by: string };
  homework_due_soon: HomeworkRef;
  homework_overdue: HomeworkRef;
  credits_choice: { remaining: number; expiresAt: string };
  placement_request: { name: string; language: Language };
}

export interface Reader {
  name: string;
  locale: Locale;
  timeZone: string;
}

/** A notification as every channel shows it: the bell's title and text, the mail's subject and body. */
export interface RenderedNotification {
  title: string;
  body: string;
  /** The app page it is about. */
  link: string;
}

const LANGUAGE_NAMES: Record<Locale, Record<Language, string>> = {
  en: { en: 'English', zh: 'Chinese' },
  ru: { en: 'английский', zh: 'китайский' },
};

type Render<K extends NotificationKind> = (data: NotificationData[K], when: (iso: string) => string, language: (l: Language) => string) => { title: string; body: string };

const TEMPLATES: { [K in NotificationKind]: { link: string } & Record<Locale, Render<K>> } = {
  lesson_reminder_24h: {
    link: '/schedule',
    en: (d, when, lang) => ({ title: 'Lesson tomorrow', body: `Your ${lang(d.language)} lesson with ${d.with} starts ${when(d.startsAt)}.` }),
    ru: (d, when, lang) => ({ title: 'Урок завтра', body: `Урок (${lang(d.language)}) с участием: ${d.with} начнётся ${when(d.startsAt)}.` }),
  },
  lesson_reminder_1h: {
    link: '/dashboard',
    en: (d, when, lang) => ({ title: 'Lesson in an hour', body: `Your ${lang(d.language)} lesson with ${d.with} starts ${when(d.startsAt)}. Join it from the dashboard.` }),
    ru: (d, when, lang) => ({ title: 'Урок через час', body: `Урок (${lang(d.language)}) с участием: ${d.with} начнётся ${when(d.startsAt)}. Войти можно с главной страницы.` }),
  },
  lesson_cancelled: {
    link: '/schedule',
    en: (d, when, lang) => ({ title: 'Lesson cancelled', body: `${d.by} cancelled the ${lang(d.language)} lesson of ${when(d.startsAt)}.` }),
    ru: (d, when, lang) => ({ title: 'Урок отменён', body: `${d.by} отменил(а) урок (${lang(d.language)}) ${when(d.startsAt)}.` }),
  },
  lesson_moved: {
    // Same words as the e-mail the schedule sent before notifications existed.
    link: '/schedule',
    en: (d, when) => ({ title: 'Your lesson has moved', body: `${d.by} has moved your lesson of ${when(d.from)} to ${when(d.startsAt)}.\nThe lesson stays booked; nothing else changes.` }),
    ru: (d, when) => ({ title: 'Урок перенесён', body: `${d.by} перенёс(ла) ваш урок ${when(d.from)} на ${when(d.startsAt)}.\nУрок остаётся забронированным, больше ничего не меняется.` }),
  },
  homework_due_soon: {
    link: '/homework',
    en: (d, when) => ({ title: 'Homework due soon', body: `"${d.title}" is due ${when(d.dueAt)}.` }),
    ru: (d, when) => ({ title: 'Скоро срок домашнего задания', body: `«${d.title}» нужно сдать до ${when(d.dueAt)}.` }),
  },
  homework_overdue: {
    link: '/homework',
    en: (d, when) => ({ title: 'Homework overdue', body: `"${d.title}" was due ${when(d.dueAt)}. It is in your tails now: done within two weeks, it still gets its real score.` }),
    ru: (d, when) => ({ title: 'Домашнее задание просрочено', body: `Срок «${d.title}» истёк ${when(d.dueAt)}. Оно в «хвостах»: если сделать его в течение двух недель, оценка будет настоящей.` }),
  },
  credits_choice: {
    link: '/credits',
    en: (d, when) => ({
      title: 'Your lessons are about to expire',
      body: `You have ${d.remaining} lesson(s) left in your package, valid until ${when(d.expiresAt)}.\nBuy another package before then and all of them stay valid for the whole new package; otherwise the remaining lessons burn.`,
    }),
    ru: (d, when) => ({
      title: 'Срок ваших уроков заканчивается',
      body: `В вашем пакете осталось уроков: ${d.remaining}; они действуют до ${when(d.expiresAt)}.\nКупите новый пакет до этого срока — и все оставшиеся уроки будут действовать вместе с новыми; иначе они сгорят.`,
    }),
  },
  placement_request: {
    link: '/placement',
    en: (d, _when, lang) => ({ title: 'New placement request', body: `${d.name} asks for a free placement lesson (${lang(d.language)}).` }),
    ru: (d, _when, lang) => ({ title: 'Новая заявка на пробный урок', body: `${d.name} просит бесплатный пробный урок (${lang(d.language)}).` }),
  },
};

/** Writes a notification in the reader's language, with times in the reader's time zone. */
export function renderNotification<K extends NotificationKind>(kind: K, data: NotificationData[K], reader: Reader): RenderedNotification {
  const format = new Intl.DateTimeFormat(reader.locale === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: reader.timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const template = TEMPLATES[kind] as { link: string } & Record<Locale, Render<K>>;
  const text = template[reader.locale](data, (iso) => format.format(new Date(iso)), (language) => LANGUAGE_NAMES[reader.locale][language]);
  return { ...text, link: template.link };
}

/** The e-mail of a notification. */
export function notificationMail(rendered: RenderedNotification, reader: Reader & { email: string }, publicUrl: string) {
  const greeting = reader.locale === 'ru' ? `Здравствуйте, ${reader.name}!` : `Hello, ${reader.name}!`;
  return { to: reader.email, subject: `Panda Classroom: ${rendered.title.charAt(0).toLowerCase()}${rendered.title.slice(1)}`, text: `${greeting}\n\n${rendered.body}\n\n${publicUrl}${rendered.link}` };
}

/** What the Telegram bot answers to `/start <code>`. */
export const TELEGRAM_REPLIES = {
  linked: { en: (name: string) => `Hello, ${name}! Panda Classroom will send your notifications here. You can choose which ones on your profile page.`, ru: (name: string) => `Здравствуйте, ${name}! Уведомления Panda Classroom будут приходить сюда. Какие именно — выберите на странице профиля.` },
  // Nobody is known yet: both languages.
  invalid: 'This code is not valid or has expired: get a new one on your Panda Classroom profile page.\nКод неверный или устарел: получите новый на странице профиля в Panda Classroom.',
} as const;
