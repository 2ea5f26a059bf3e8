import { Logger, type Provider } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@muvo/config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Where muvo's e-mails go. Injected by this abstract class, so a deployment or a test can bind
 * another transport without touching the services that send mail.
 */
export abstract class Mailer {
  abstract send(message: MailMessage): Promise<void>;
}

/** SMTP through nodemailer (SMTP_URL). */
export class SmtpMailer extends Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    super();
    this.transport = createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }
}

/**
 * Development without a mail server: the message is written to the log, link included, so that
 * a developer can follow it. Never used when SMTP_URL is set.
 */
export class LogMailer extends Mailer {
  private readonly logger = new Logger('Mailer');

  async send(message: MailMessage): Promise<void> {
    this.logger.log(`e-mail to ${message.to} (SMTP_URL unset, so logged instead): ${message.subject}\n${message.text}`);
  }
}

export const mailerProvider: Provider = {
  provide: Mailer,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Mailer => {
    if (config.mail.smtpUrl) return new SmtpMailer(config.mail.smtpUrl, config.mail.from);
    if (config.env === 'production') {
      new Logger('Mailer').warn('SMTP_URL is not set: password-reset e-mails are only written to this log');
    }
    return new LogMailer();
  },
};
