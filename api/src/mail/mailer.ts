import type { Db } from '@panda/db';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** True when mail is only stored for admins to read (no SMTP server configured). */
  readonly devOutbox: boolean;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export class SmtpMailer implements Mailer {
  readonly devOutbox = false;
  readonly #transport: nodemailer.Transporter;
  readonly #from: string;

  constructor(smtpUrl: string, from: string) {
    this.#transport = nodemailer.createTransport(smtpUrl);
    this.#from = from;
  }

  async send(message: MailMessage): Promise<void> {
    await this.#transport.sendMail({ from: this.#from, ...message });
  }

  close(): void {
    this.#transport.close();
  }
}

/** Without SMTP a newcomer still gets codes: mail is stored and an admin reads it in the UI. */
export class DevOutboxMailer implements Mailer {
  readonly devOutbox = true;
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async send(message: MailMessage): Promise<void> {
    await this.#db.devOutboxMail.create({ data: message });
  }

  close(): void {}
}
