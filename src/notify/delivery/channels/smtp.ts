/** Email over SMTP with nodemailer. The Message-ID is the outbox id, so a resend after a crash is recognisably the same message. */
import nodemailer from 'nodemailer';
import { NotifyDeliveryError, type OutboxRow, type Transport } from '../outbox.js';

export interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  from: string;
  /** Plain SMTP without STARTTLS (a local relay or test receiver). */
  ignoreTLS?: boolean;
}

export function smtpTransport(opts: SmtpOptions): Transport {
  const transporter = nodemailer.createTransport({
    host: opts.host,
    port: opts.port,
    secure: opts.secure,
    ...(opts.ignoreTLS ? { ignoreTLS: true } : {}),
    ...(opts.user ? { auth: { user: opts.user, pass: opts.password ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
  });
  return {
    async send(m: OutboxRow) {
      if (!m.recipient.includes('@'))
        throw new NotifyDeliveryError(
          `message ${m.id} has no email address (${m.recipient})`,
          'Give the owner an email in HubSpot, or set their preferred channel to slack (mis profile --set preferredChannel=slack).',
        );
      try {
        // attachDataUrls: images embedded as data: URIs (the manager's weekly charts) go out as inline CID parts.
        const info = await transporter.sendMail({
          from: opts.from,
          to: m.recipient,
          subject: m.subject,
          text: m.text,
          html: m.html,
          messageId: `<${m.id}@sales-mis>`,
          attachDataUrls: true,
        });
        return { providerId: info.messageId };
      } catch (e) {
        throw new NotifyDeliveryError(
          `SMTP ${opts.host}:${opts.port} refused message ${m.id}: ${(e as Error).message}`,
          'Check notify.smtp in mis.config.json and the password variable; the message stays in the outbox and is retried on the next `mis notify`.',
          e,
        );
      }
    },
    close() {
      transporter.close();
    },
  };
}
