import type { Locale } from '@panda/shared';
import type { MailMessage } from './mailer.js';

type Template = (vars: { name: string; code: string; minutes: number }) => { subject: string; text: string };

const TEMPLATES: Record<'confirm_email' | 'reset_password' | 'welcome_staff' | 'welcome_student', Record<Locale, Template>> = {
  confirm_email: {
    en: ({ name, code, minutes }) => ({
      subject: `Panda Classroom: your confirmation code ${code}`,
      text: `Hello, ${name}!\n\nYour code to confirm this e-mail address: ${code}\nIt is valid for ${minutes} minutes.\n\nIf you did not sign up, ignore this message.`,
    }),
    ru: ({ name, code, minutes }) => ({
      subject: `Panda Classroom: код подтверждения ${code}`,
      text: `Здравствуйте, ${name}!\n\nКод для подтверждения адреса: ${code}\nОн действует ${minutes} минут.\n\nЕсли вы не регистрировались, просто проигнорируйте это письмо.`,
    }),
  },
  reset_password: {
    en: ({ name, code, minutes }) => ({
      subject: `Panda Classroom: password reset code ${code}`,
      text: `Hello, ${name}!\n\nYour code to set a new password: ${code}\nIt is valid for ${minutes} minutes.\n\nIf you did not ask for it, ignore this message: your password stays the same.`,
    }),
    ru: ({ name, code, minutes }) => ({
      subject: `Panda Classroom: код для смены пароля ${code}`,
      text: `Здравствуйте, ${name}!\n\nКод для установки нового пароля: ${code}\nОн действует ${minutes} минут.\n\nЕсли вы его не запрашивали, проигнорируйте письмо: пароль останется прежним.`,
    }),
  },
  welcome_staff: {
    en: ({ name, code, minutes }) => ({
      subject: 'Welcome to Panda Classroom',
      text: `Hello, ${name}!\n\nAn account was created for you. Open the sign-in page, choose "Forgot password?" and enter this code to set your password: ${code}\nIt is valid for ${minutes} minutes; you can always request a new one there.`,
    }),
    ru: ({ name, code, minutes }) => ({
      subject: 'Добро пожаловать в Panda Classroom',
      text: `Здравствуйте, ${name}!\n\nДля вас создана учётная запись. Откройте страницу входа, нажмите «Забыли пароль?» и введите этот код, чтобы задать пароль: ${code}\nКод действует ${minutes} минут; там же можно запросить новый.`,
    }),
  },
  // A visitor whose free placement lesson has been booked: the account lets them enter the lesson.
  welcome_student: {
    en: ({ name, code, minutes }) => ({
      subject: 'Panda Classroom: your free placement lesson is booked',
      text: `Hello, ${name}!\n\nYour free placement lesson with our methodist is booked, and an account was created for you to join it. Open the sign-in page, choose "Forgot password?" and enter this code to set your password: ${code}\nIt is valid for ${minutes} minutes; you can always request a new one there. Once signed in, you will find the lesson on your dashboard.`,
    }),
    ru: ({ name, code, minutes }) => ({
      subject: 'Panda Classroom: бесплатный пробный урок назначен',
      text: `Здравствуйте, ${name}!\n\nВаш бесплатный пробный урок с методистом назначен, и для участия в нём создана учётная запись. Откройте страницу входа, нажмите «Забыли пароль?» и введите этот код, чтобы задать пароль: ${code}\nКод действует ${minutes} минут; там же можно запросить новый. После входа урок будет на главной странице.`,
    }),
  },
};

export type MailKind = keyof typeof TEMPLATES;

export function renderMail(
  kind: MailKind,
  locale: Locale,
  to: string,
  vars: { name: string; code: string; minutes: number },
): MailMessage {
  return { to, ...TEMPLATES[kind][locale](vars) };
}

const ACCOUNT_EXISTS: Record<Locale, (name: string) => { subject: string; text: string }> = {
  en: (name) => ({
    subject: 'Panda Classroom: you already have an account',
    text: `Hello, ${name}!\n\nSomeone, perhaps you, tried to sign up with this e-mail address, but it already has an account. To get in, open the sign-in page; if you have forgotten your password, choose "Forgot password?" there.\n\nIf it was not you, ignore this message: nothing has changed.`,
  }),
  ru: (name) => ({
    subject: 'Panda Classroom: у вас уже есть учётная запись',
    text: `Здравствуйте, ${name}!\n\nКто-то, возможно вы, пытался зарегистрироваться с этим адресом, но учётная запись с ним уже есть. Чтобы войти, откройте страницу входа; если вы забыли пароль, нажмите там «Забыли пароль?».\n\nЕсли это были не вы, проигнорируйте письмо: ничего не изменилось.`,
  }),
};

/** To the owner of an address someone tried to sign up with: the sign-up's answer cannot say so. */
export function accountExistsMail(locale: Locale, to: string, name: string): MailMessage {
  return { to, ...ACCOUNT_EXISTS[locale](name) };
}
