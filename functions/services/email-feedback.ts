/**
 * Bounces and complaints from Amazon SES (event publishing of the configuration set, through SNS):
 * a hard bounce or a complaint suppresses the contact the message went to, so the notifier sends
 * nothing more there (fan-out skips suppressed contacts). Soft bounces are left to SES's retries.
 *
 * The recipient is known from the message tag the SES channel set (functions/notify/ses.ts), not
 * by looking the address up: addresses are not indexed, and the tag names exactly the contact.
 */
import { z } from 'zod';
import type { Store } from '../data/client';
import { type SuppressionReason, suppressEmailContact } from '../data/email-suppression';
import { decodeRecipientTag, RECIPIENT_TAG } from '../notify/ses-tags';
import { reportFailingMailbox } from './notifications';

const recipients = z.array(z.object({ emailAddress: z.string() })).default([]);

/** The fields we read of an SES event (event publishing `eventType`, or identity `notificationType`). */
const SesFeedback = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z.object({ tags: z.record(z.string(), z.array(z.string())).default({}) }),
  bounce: z.object({ bounceType: z.string(), bouncedRecipients: recipients }).optional(),
  complaint: z.object({ complainedRecipients: recipients }).optional(),
});

export interface FeedbackOutcome {
  kind: 'bounce' | 'complaint' | 'ignored';
  /** Contacts newly marked suppressed. */
  suppressed: number;
}

/** Applies one SES feedback message (the SNS message body, JSON). Unknown shapes are ignored. */
export async function applyEmailFeedback(store: Store, message: string, now: Date): Promise<FeedbackOutcome> {
  let parsed: z.infer<typeof SesFeedback>;
  try {
    parsed = SesFeedback.parse(JSON.parse(message));
  } catch {
    return { kind: 'ignored', suppressed: 0 };
  }
  const type = parsed.eventType ?? parsed.notificationType;
  let reason: SuppressionReason;
  let addresses: string[];
  if (type === 'Bounce' && parsed.bounce?.bounceType === 'Permanent') {
    reason = 'bounce';
    addresses = parsed.bounce.bouncedRecipients.map((r) => r.emailAddress);
  } else if (type === 'Complaint' && parsed.complaint) {
    reason = 'complaint';
    addresses = parsed.complaint.complainedRecipients.map((r) => r.emailAddress);
  } else return { kind: 'ignored', suppressed: 0 };
  // One message, one recipient: the notifier sends each e-mail to a single address.
  const recipientKey = decodeRecipientTag(parsed.mail.tags[RECIPIENT_TAG]?.[0] ?? '');
  if (!recipientKey) return { kind: reason, suppressed: 0 };
  const marked = await Promise.all(
    addresses.map((address) => suppressEmailContact(store, recipientKey, address, reason, now)),
  );
  const suppressed = marked.filter(Boolean).length;
  // A body's shared mailbox that bounces: the body's admins and officials are told.
  if (suppressed > 0 && recipientKey.startsWith('body:'))
    await reportFailingMailbox(store, recipientKey.slice(5), reason, now);
  return { kind: reason, suppressed };
}
