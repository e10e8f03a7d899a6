/**
 * The e-mail channel in the cloud: the same Nodemailer composition as SMTP (functions/notify/email.ts)
 * through Nodemailer's SES transport (SESv2 SendEmail with the raw message). The function's role
 * signs the calls, so no SMTP password exists anywhere.
 *
 * Every message names the configuration set (bounces and complaints are published to SNS from it)
 * and carries the recipient key as an SES message tag: SES returns the tag with the feedback, so
 * functions/services/email-feedback.ts can suppress exactly the contact that bounced. Tags are not
 * part of the delivered mail; the recipient key never travels to the mailbox.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import nodemailer from 'nodemailer';
import type { DeliveryChannel } from './channel';
import { createMailChannel } from './email';
import { encodeRecipientTag, RECIPIENT_TAG } from './ses-tags';

export interface SesChannelOptions {
  from: string;
  configurationSet: string;
  /** Injected in tests; by default a client for the function's own region. */
  client?: { send(command: unknown): Promise<{ MessageId?: string }> };
}

/**
 * SES refuses for good a message it will never accept (MessageRejected: e.g. the address is on the
 * account's suppression list) or a malformed request; throttling and outages are worth a retry.
 */
const PERMANENT_SES_ERRORS = new Set(['MessageRejected', 'BadRequestException', 'NotFoundException']);

export function createSesChannel(opts: SesChannelOptions): DeliveryChannel & { close(): void } {
  const transport = nodemailer.createTransport({
    SES: { sesClient: opts.client ?? new SESv2Client({}), SendEmailCommand },
  });
  return createMailChannel(transport, {
    from: opts.from,
    extra: (_to, m) => ({
      ses: {
        ConfigurationSetName: opts.configurationSet,
        EmailTags: [{ Name: RECIPIENT_TAG, Value: encodeRecipientTag(m.recipientKey) }],
      },
    }),
    isPermanent: (err) => PERMANENT_SES_ERRORS.has((err as { name?: string }).name ?? ''),
  });
}
