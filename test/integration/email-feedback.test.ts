/**
 * E-mail in the cloud, without AWS: the SES channel composes the same message as SMTP and tags it
 * with the recipient (a stand-in SES client captures the SESv2 request), and SES's bounce and
 * complaint events suppress exactly the contact they name, so fan-out sends nothing more there.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../functions/data/client';
import { consentOp, currentConsent } from '../../functions/data/consents';
import {
  emailContactOp,
  getBodyMailbox,
  getEmailContact,
  setBodyMailbox,
} from '../../functions/data/notifications';
import type { OutgoingMessage } from '../../functions/notify/channel';
import { createSesChannel } from '../../functions/notify/ses';
import { encodeRecipientTag, RECIPIENT_TAG } from '../../functions/notify/ses-tags';
import { applyEmailFeedback } from '../../functions/services/email-feedback';
import { createTestStore } from '../support/store';

let store: Store;
const now = new Date('2026-03-20T07:00:00Z');

beforeAll(async () => {
  store = await createTestStore('ses-feedback');
});
afterAll(() => store?.raw.destroy());

const setContact = (sub: string, address: string) =>
  store.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        emailContactOp(store, sub, { address, verified: true }),
        consentOp(store, sub, currentConsent('email', now)),
      ],
    }),
  );

/** An SES event as event publishing sends it through SNS (the fields the handler reads, and more). */
function sesEvent(
  eventType: 'Bounce' | 'Complaint',
  recipientKey: string,
  address: string,
  bounceType = 'Permanent',
) {
  return JSON.stringify({
    eventType,
    mail: {
      timestamp: now.toISOString(),
      messageId: '0100018c-example',
      destination: [address],
      tags: { 'ses:configuration-set': ['hub'], [RECIPIENT_TAG]: [encodeRecipientTag(recipientKey)] },
    },
    ...(eventType === 'Bounce'
      ? { bounce: { bounceType, bounceSubType: 'General', bouncedRecipients: [{ emailAddress: address }] } }
      : { complaint: { complainedRecipients: [{ emailAddress: address }], complaintFeedbackType: 'abuse' } }),
  });
}

describe('SES feedback', () => {
  it('suppresses the tagged user contact on a hard bounce, and only that one', async () => {
    await setContact('bounced-user', 'gone@example.kz');
    await setContact('other-user', 'gone@example.kz');
    const outcome = await applyEmailFeedback(
      store,
      sesEvent('Bounce', 'user:bounced-user', 'gone@example.kz'),
      now,
    );
    expect(outcome).toEqual({ kind: 'bounce', suppressed: 1 });
    expect((await getEmailContact(store, 'bounced-user'))?.suppressed).toBe(true);
    expect((await getEmailContact(store, 'other-user'))?.suppressed).toBeUndefined();
  });

  it('suppresses on a complaint, and leaves a soft bounce to SES’s retries', async () => {
    await setContact('complainer', 'angry@example.kz');
    await setContact('full-mailbox', 'full@example.kz');
    await applyEmailFeedback(store, sesEvent('Complaint', 'user:complainer', 'angry@example.kz'), now);
    const soft = await applyEmailFeedback(
      store,
      sesEvent('Bounce', 'user:full-mailbox', 'full@example.kz', 'Transient'),
      now,
    );
    expect(soft.kind).toBe('ignored');
    expect((await getEmailContact(store, 'complainer'))?.suppressed).toBe(true);
    expect((await getEmailContact(store, 'full-mailbox'))?.suppressed).toBeUndefined();
  });

  it('keeps a contact whose address changed since the bounced message was sent', async () => {
    await setContact('moved-user', 'new@example.kz');
    const outcome = await applyEmailFeedback(
      store,
      sesEvent('Bounce', 'user:moved-user', 'old@example.kz'),
      now,
    );
    expect(outcome.suppressed).toBe(0);
    expect((await getEmailContact(store, 'moved-user'))?.suppressed).toBeUndefined();
  });

  it('stops mail to a body’s shared mailbox that bounced', async () => {
    await setBodyMailbox(store, 'body-bounce', 'inbox@akimat.example.kz');
    await applyEmailFeedback(store, sesEvent('Bounce', 'body:body-bounce', 'inbox@akimat.example.kz'), now);
    expect(await getBodyMailbox(store, 'body-bounce')).toBeNull();
  });

  it('ignores what is not an SES event', async () => {
    expect(await applyEmailFeedback(store, 'not json', now)).toEqual({ kind: 'ignored', suppressed: 0 });
    expect(await applyEmailFeedback(store, '{"eventType":"Bounce"}', now)).toEqual({
      kind: 'ignored',
      suppressed: 0,
    });
  });
});

describe('the SES channel', () => {
  const message: OutgoingMessage = {
    messageId: '<01JEVENT.email.abc@hub.example.kz>',
    recipientKey: 'user:reader',
    lang: 'ru',
    subject: 'Ответ на вопрос',
    text: 'Текст',
    html: '<p>Текст</p>',
    link: 'https://hub.example.kz/items/1',
    unsubscribeUrl: 'https://hub.example.kz/api/notifications/unsubscribe?t=x',
  };

  it('sends the same composed message as SMTP, in the configuration set, tagged with the recipient', async () => {
    const sent: Array<{ input: Record<string, unknown> }> = [];
    const channel = createSesChannel({
      from: 'Open Budget Map <notify@hub.example.kz>',
      configurationSet: 'hub-mail',
      client: {
        send: async (command: unknown) => {
          sent.push(command as { input: Record<string, unknown> });
          return { MessageId: '0100018c-ses-id' };
        },
      },
    });
    const result = await channel.send('reader@example.kz', message);
    expect(result).toEqual({ delivered: true, providerId: '0100018c-ses-id' });
    const input = sent[0]!.input as {
      ConfigurationSetName: string;
      EmailTags: Array<{ Name: string; Value: string }>;
      Destination: { ToAddresses: string[] };
      Content: { Raw: { Data: Buffer } };
    };
    expect(input.ConfigurationSetName).toBe('hub-mail');
    expect(input.EmailTags).toEqual([{ Name: RECIPIENT_TAG, Value: encodeRecipientTag('user:reader') }]);
    expect(input.Destination.ToAddresses).toEqual(['reader@example.kz']);
    const raw = input.Content.Raw.Data.toString('utf8');
    expect(raw).toContain(`Message-ID: ${message.messageId}`);
    expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(raw).toContain('multipart/alternative');
    // The recipient key travels only in the tag, never in the mail itself.
    expect(raw).not.toContain('user:reader');
  });

  it('gives up on a message SES rejects, and retries on throttling', async () => {
    const failing = (name: string) =>
      createSesChannel({
        from: 'notify@hub.example.kz',
        configurationSet: 'hub-mail',
        client: {
          send: async () => {
            throw Object.assign(new Error(name), { name });
          },
        },
      });
    expect((await failing('MessageRejected').send('x@example.kz', message)).permanentFailure).toBe(true);
    expect((await failing('TooManyRequestsException').send('x@example.kz', message)).permanentFailure).toBe(
      false,
    );
  });
});
