/**
 * One way of reaching a person (e-mail, Telegram). The notifier renders a message once per
 * (event, recipient, channel), gives it a fixed `messageId` (the e-mail Message-ID, the Telegram
 * dedup key) and hands it to the channel; a channel never decides who hears what.
 *
 * `to` is the e-mail address or the Telegram chat id: it is personal data and never appears in a
 * public response, a log line or the audit chain.
 */

export interface OutgoingMessage {
  /** Fixed per (event, recipient, channel): a resend after a crash carries the same id. */
  messageId: string;
  /** The recipient as the outbox knows them (`user:<sub>`, `body:<id>`), never the address. */
  recipientKey: string;
  lang: 'kk' | 'ru' | 'en';
  subject: string;
  text: string;
  html: string;
  /** Back to the hub: the question, item or feed the message is about. */
  link: string;
  /** One-click unsubscribe (RFC 8058); absent for legal notices, which cannot be unsubscribed. */
  unsubscribeUrl?: string;
}

export interface ChannelResult {
  delivered: boolean;
  /** The provider's own id (SMTP queue id, SES MessageId, Telegram message_id). */
  providerId?: string;
  /** The address or chat cannot be reached (5xx, blocked bot): do not retry, mark not delivered. */
  permanentFailure?: boolean;
  error?: string;
}

export interface DeliveryChannel {
  readonly kind: 'email' | 'telegram';
  send(to: string, message: OutgoingMessage): Promise<ChannelResult>;
}
