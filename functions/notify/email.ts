/**
 * The e-mail channel over SMTP (Nodemailer): locally to the embedded server of `npm start`, or to any
 * server named by SMTP_URL. Multipart text + HTML, the fixed Message-ID, and for anything but a
 * legal notice the one-click unsubscribe of RFC 8058 (List-Unsubscribe + List-Unsubscribe-Post).
 */
import nodemailer from 'nodemailer';
import type { ChannelResult, DeliveryChannel, OutgoingMessage } from './channel';

export interface SmtpChannelOptions {
  url: string;
  from: string;
  /** Connections kept open in parallel (the sender's concurrency). */
  maxConnections?: number;
}

export function createSmtpChannel(opts: SmtpChannelOptions): DeliveryChannel & { close(): void } {
  const transport = nodemailer.createTransport(opts.url, {
    pool: true,
    maxConnections: opts.maxConnections ?? 4,
    maxMessages: Number.POSITIVE_INFINITY,
  } as never);
  return {
    kind: 'email',
    async send(to: string, m: OutgoingMessage): Promise<ChannelResult> {
      try {
        const info = await transport.sendMail({
          from: opts.from,
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
        });
        return { delivered: true, providerId: String(info.response ?? info.messageId) };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        // 5xx: the server refuses this address for good (a bounce); anything else may pass later.
        return {
          delivered: false,
          permanentFailure: code !== undefined && code >= 500,
          error: (err as Error).message,
        };
      }
    },
    close: () => transport.close(),
  };
}
