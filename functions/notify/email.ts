/**
 * The e-mail channel (Nodemailer): locally over SMTP to the embedded server of `npm start`, or to any
 * server named by SMTP_URL; in the cloud through Nodemailer's SES transport (functions/notify/ses.ts).
 * Both compose the message with the same code: multipart text + HTML, the fixed Message-ID, and for
 * anything but a legal notice the one-click unsubscribe of RFC 8058 (List-Unsubscribe +
 * List-Unsubscribe-Post).
 */
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { ChannelResult, DeliveryChannel, OutgoingMessage } from './channel';

export interface SmtpChannelOptions {
  url: string;
  from: string;
  /** Connections kept open in parallel (the sender's concurrency). */
  maxConnections?: number;
}

/** What every e-mail of the hub carries, whatever the transport. */
export function mailOptions(from: string, to: string, m: OutgoingMessage): SendMailOptions {
  return {
    from,
    to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    headers: {
      'Content-Language': m.lang,
      ...(m.unsubscribeUrl
        ? {
            'List-Unsubscribe': `<${m.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          }
        : {}),
    },
  };
}

export interface MailChannelOptions {
  from: string;
  /** Transport-specific additions to one message (e.g. SES tags). */
  extra?: (to: string, m: OutgoingMessage) => Partial<SendMailOptions>;
  /** True when the transport's error means this address will never accept the message. */
  isPermanent: (err: unknown) => boolean;
}

/** The channel over any Nodemailer transport. */
export function createMailChannel(
  transport: Transporter,
  opts: MailChannelOptions,
): DeliveryChannel & { close(): void } {
  return {
    kind: 'email',
    async send(to: string, m: OutgoingMessage): Promise<ChannelResult> {
      try {
        const info = await transport.sendMail({ ...mailOptions(opts.from, to, m), ...opts.extra?.(to, m) });
        return { delivered: true, providerId: String(info.response ?? info.messageId) };
      } catch (err) {
        return { delivered: false, permanentFailure: opts.isPermanent(err), error: (err as Error).message };
      }
    },
    close: () => transport.close(),
  };
}

export function createSmtpChannel(opts: SmtpChannelOptions): DeliveryChannel & { close(): void } {
  const transport = nodemailer.createTransport(opts.url, {
    pool: true,
    maxConnections: opts.maxConnections ?? 4,
    maxMessages: Number.POSITIVE_INFINITY,
  } as never);
  return createMailChannel(transport, {
    from: opts.from,
    // 5xx: the server refuses this address for good (a bounce); anything else may pass later.
    isPermanent: (err) => {
      const code = (err as { responseCode?: number }).responseCode;
      return code !== undefined && code >= 500;
    },
  });
}
