/**
 * The SES message tag that carries the outbox's recipient key (`user:<sub>`, `body:<id>`): set on
 * every message by the SES channel, returned by SES with bounce and complaint events. Hex, because
 * tag values allow only letters, digits, `_` and `-`. Kept apart from the channel so the feedback
 * function does not bundle the SES client.
 */
export const RECIPIENT_TAG = 'hub-recipient';

export const encodeRecipientTag = (recipientKey: string) => Buffer.from(recipientKey, 'utf8').toString('hex');

export const decodeRecipientTag = (value: string): string | null =>
  /^(?:[0-9a-f]{2})+$/.test(value) ? Buffer.from(value, 'hex').toString('utf8') : null;
