/**
 * The signed-in user's notification settings (e-mail address and its verification, preferences,
 * the bell's unread count), the one-click unsubscribe of RFC 8058, and the legal notices of a
 * question (when and how each was sent, delivered or not). No address or chat id ever appears in
 * a response except the user's own address, to themselves.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { LANGS } from '../../../shared/i18n-text';
import type { Principal } from '../../../shared/users';
import {
  listQuestionNotices,
  listSubscriptions,
  markFeedSeen,
  NOTIFY_TOPICS,
  notificationSettings,
  readMyFeed,
  setEmailAddress,
  setPreferences,
  subscribe,
  unsubscribe,
} from '../../services/notification-settings';
import { applyUnsubscribe, verifyEmail } from '../../services/notifications';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { ValidationError } from '../problems';
import { spendRatePolicy } from '../rate-policy';

const Mode = z.enum(['instant', 'daily', 'weekly', 'off']);
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const Prefs = z
  .object({
    lang: z.enum(LANGS),
    channels: z.object({ email: Mode.optional(), telegram: Mode.optional() }),
    /** Almaty wall clock; legal notices wait at most until 09:00. */
    quietHours: z.object({ from: HhMm, to: HhMm }).optional(),
    seenAt: z.iso.datetime().optional(),
    /** Per topic, per channel: overrides the channel's mode for that topic's events only. */
    topics: z
      .partialRecord(z.enum(NOTIFY_TOPICS), z.object({ email: Mode.optional(), telegram: Mode.optional() }))
      .optional(),
  })
  .openapi('NotificationPrefs');
const Settings = z
  .object({
    email: z.object({ address: z.string(), verified: z.boolean() }).nullable(),
    prefs: Prefs,
    /** New entries in "My feed" since the bell was last opened (at most 100). */
    unread: z.number().int(),
  })
  .openapi('NotificationSettings');
const Notice = z
  .object({
    kind: z.string(),
    channel: z.enum(['email', 'telegram', 'none']),
    at: z.iso.datetime(),
    delivered: z.boolean(),
    dueOn: z.string().optional(),
    reason: z.string().optional(),
    toBodyId: z.string().optional(),
  })
  .openapi('LegalNotice');

const FeedEntry = z
  .object({
    eventId: z.string(),
    /** The event (`question.raised`, `question.overdue`…). */
    type: z.string(),
    /** Which message the user was sent about it (the asker's `question.received`, a body's `question.raised`). */
    message: z.string(),
    at: z.iso.datetime(),
    /** Newer than the mark set when the user last opened "My feed". */
    unread: z.boolean(),
    subject: z.object({
      kind: z.enum(['question', 'item', 'contact', 'session', 'content', 'user', 'body', 'data-run']),
      id: z.string(),
      itemId: z.string().optional(),
    }),
    itemTitle: z.record(z.string(), z.string()).optional(),
    sessionTitle: z.record(z.string(), z.string()).optional(),
    /** A club session's start (Almaty wall clock). */
    startsAt: z.string().optional(),
    dueOn: z.string().optional(),
    newDueOn: z.string().optional(),
    reason: z.string().optional(),
    bodyId: z.string().optional(),
    toBodyId: z.string().optional(),
    /** An item's status before and after a change, as codes. */
    statusBefore: z.string().optional(),
    statusAfter: z.string().optional(),
    /** Tenge spent before and after a payment, exact decimal strings. */
    spentBefore: z.string().optional(),
    spentAfter: z.string().optional(),
    /** Messages waiting in the dead-letter queue (admins). */
    depth: z.string().optional(),
  })
  .openapi('NotificationFeedEntry');

/** A title stored as JSON in an event (`{"kk": …, "ru": …}`), or undefined when absent or unreadable. */
function parseLocalized(json: string | undefined): Record<string, string> | undefined {
  if (!json) return undefined;
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, string>) : undefined;
  } catch {
    return undefined;
  }
}

/** Items are followed with their Follow button (`/items/{id}/follow`); these are the wider scopes. */
const SubscriptionParams = z.object({
  kind: z.enum(['area', 'body', 'contractor']),
  id: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[A-Za-z0-9._:-]+$/),
});
/** A subscription's own frequency; without one the channel's mode applies. */
const SubscriptionModeQuery = z.object({ mode: z.enum(['instant', 'daily', 'weekly']).optional() });
const Subscription = SubscriptionParams.extend(SubscriptionModeQuery.shape).openapi('Subscription');

const settingsResponse = {
  200: { description: 'Your notification settings', content: { 'application/json': { schema: Settings } } },
};

export const notificationRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('me.read', {
      method: 'get',
      path: '/me/notifications',
      tags: ['notifications'],
      summary: 'Your e-mail address, notification preferences and unread count',
      responses: { ...settingsResponse, ...problemResponses(401, 503) },
    }),
    async (c) => c.json(await notificationSettings(c.var.deps.store, (c.var.user as Principal).sub), 200),
  )
  .openapi(
    defineRoute('me.update', {
      method: 'put',
      path: '/me/notifications',
      tags: ['notifications'],
      summary: 'Set how and when you are notified (legal notices about your questions always reach you)',
      request: { body: { required: true, content: { 'application/json': { schema: Prefs } } } },
      responses: { ...settingsResponse, ...problemResponses(401, 503) },
    }),
    async (c) => {
      const sub = (c.var.user as Principal).sub;
      return c.json(await setPreferences(c.var.deps.store, sub, c.req.valid('json')), 200);
    },
  )
  .openapi(
    defineRoute('me.read', {
      method: 'get',
      path: '/me/notifications/feed',
      tags: ['notifications'],
      summary: '"My feed": what you were told of (questions, answers, deadlines), newest first',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }) },
      responses: {
        200: {
          description: 'Your feed and the mark up to which it was seen',
          content: {
            'application/json': {
              schema: z.object({ seenAt: z.iso.datetime().nullable(), entries: z.array(FeedEntry) }),
            },
          },
        },
        ...problemResponses(400, 401, 503),
      },
    }),
    async (c) => {
      const sub = (c.var.user as Principal).sub;
      const { entries, seenAt } = await readMyFeed(c.var.deps.store, sub, c.req.valid('query').limit);
      return c.json(
        {
          seenAt,
          entries: entries.map((e) => {
            const itemTitle = parseLocalized(e.data.itemTitle);
            const sessionTitle = parseLocalized(e.data.sessionTitle);
            const { itemTitle: _, sessionTitle: __, registeredOn: ___, fromBodyId: ____, ...rest } = e.data;
            return {
              eventId: e.eventId,
              type: e.eventType,
              message: e.message,
              at: e.at,
              unread: seenAt === null || e.at > seenAt,
              subject: e.subject,
              ...(itemTitle ? { itemTitle } : {}),
              ...(sessionTitle ? { sessionTitle } : {}),
              ...rest,
            };
          }),
        },
        200,
      );
    },
  )
  .openapi(
    defineRoute('me.update', {
      method: 'post',
      path: '/me/notifications/seen',
      tags: ['notifications'],
      summary:
        'Mark "My feed" as seen up to an instant (the newest entry shown): the bell counts what came after',
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: z.object({ at: z.iso.datetime() }) } },
        },
      },
      responses: { ...settingsResponse, ...problemResponses(400, 401, 503) },
    }),
    async (c) => {
      const sub = (c.var.user as Principal).sub;
      const { store, now } = c.var.deps;
      return c.json(await markFeedSeen(store, sub, c.req.valid('json').at, now()), 200);
    },
  )
  .openapi(
    defineRoute('me.update', {
      method: 'put',
      path: '/me/email',
      tags: ['notifications'],
      summary: 'Set your e-mail address; it receives nothing but a verification mail until verified',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({ address: z.email().max(254), lang: z.enum(LANGS).optional() }),
            },
          },
        },
      },
      responses: { ...settingsResponse, ...problemResponses(401, 409, 429, 503) },
    }),
    async (c) => {
      const sub = (c.var.user as Principal).sub;
      const { address, lang } = c.req.valid('json');
      const { store, now } = c.var.deps;
      await spendRatePolicy(c, 'PUT /me/email', sub);
      // An address is kept only with consent (issue 20, item 5; services/consents.ts).
      return c.json(await setEmailAddress(store, sub, address, lang, now()), 200);
    },
  )
  .openapi(
    defineRoute('me.update', {
      method: 'post',
      path: '/me/email/verify',
      tags: ['notifications'],
      summary: 'Verify your e-mail address with the token from the verification mail',
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: z.object({ token: z.string().min(1).max(200) }) } },
        },
      },
      responses: { ...settingsResponse, ...problemResponses(401, 503) },
    }),
    async (c) => {
      const sub = (c.var.user as Principal).sub;
      const { store, now } = c.var.deps;
      if (!(await verifyEmail(store, sub, c.req.valid('json').token, now())))
        throw new ValidationError([
          {
            in: 'json',
            field: 'token',
            message: 'The token is wrong, used or expired.',
            code: 'field.invalid',
          },
        ]);
      return c.json(await notificationSettings(store, sub), 200);
    },
  )
  .openapi(
    defineRoute('notifications.unsubscribe', {
      method: 'post',
      path: '/notifications/unsubscribe',
      tags: ['notifications'],
      summary: 'One-click unsubscribe (RFC 8058) with the signed link from a mail',
      request: { query: z.object({ t: z.string().min(1).max(500) }) },
      responses: {
        200: {
          description: 'Unsubscribed',
          content: { 'application/json': { schema: z.object({ unsubscribed: z.literal(true) }) } },
        },
        ...problemResponses(400, 503),
      },
    }),
    async (c) => {
      if (!(await applyUnsubscribe(c.var.deps.store, c.req.valid('query').t)))
        throw new ValidationError([
          { in: 'query', field: 't', message: 'The link is not valid.', code: 'field.invalid' },
        ]);
      return c.json({ unsubscribed: true as const }, 200);
    },
  )
  .openapi(
    defineRoute('questions.read', {
      method: 'get',
      path: '/items/{itemId}/questions/{id}/notices',
      tags: ['questions'],
      summary: 'The legal notices sent to the asker (APPK): when, through which channel, delivered or not',
      request: { params: z.object({ itemId: z.string().max(40), id: z.string().max(40) }) },
      responses: {
        200: {
          description: 'The notices, oldest first',
          content: { 'application/json': { schema: z.array(Notice) } },
        },
        ...problemResponses(503),
      },
    }),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      const notices = await listQuestionNotices(c.var.deps.store, itemId, id);
      return c.json(
        notices
          .sort((a, b) => (a.at < b.at ? -1 : 1))
          .map(({ kind, channel, at, delivered, dueOn, reason, toBodyId }) => ({
            kind,
            channel,
            at,
            delivered,
            ...(dueOn ? { dueOn } : {}),
            ...(reason ? { reason } : {}),
            ...(toBodyId ? { toBodyId } : {}),
          })),
        200,
      );
    },
  )
  .openapi(
    defineRoute('me.read', {
      method: 'get',
      path: '/me/subscriptions',
      tags: ['notifications'],
      summary: 'The areas, bodies and contractors you follow',
      responses: {
        200: {
          description: 'Your subscriptions',
          content: { 'application/json': { schema: z.array(Subscription) } },
        },
        ...problemResponses(401, 503),
      },
    }),
    async (c) => {
      const all = await listSubscriptions(c.var.deps.store, (c.var.user as Principal).sub);
      return c.json(
        all.flatMap((s) =>
          s.kind === 'item' ? [] : [{ kind: s.kind, id: s.id, ...(s.mode ? { mode: s.mode } : {}) }],
        ),
        200,
      );
    },
  )
  .openapi(
    defineRoute('me.update', {
      method: 'put',
      path: '/me/subscriptions/{kind}/{id}',
      tags: ['notifications'],
      summary:
        'Follow an area, a body or a contractor: hear of its answers, status changes and new items (`mode`: at once, or in the daily or weekly digest; the channel mode when absent)',
      request: { params: SubscriptionParams, query: SubscriptionModeQuery },
      responses: { 204: { description: 'Subscribed' }, ...problemResponses(400, 401, 429, 503) },
    }),
    async (c) => {
      const sub = (c.var.user as Principal).sub;
      const { kind, id } = c.req.valid('param');
      const { mode } = c.req.valid('query');
      await spendRatePolicy(c, 'PUT /me/subscriptions/{kind}/{id}', sub);
      await subscribe(c.var.deps.store, sub, kind, id, c.var.deps.now(), mode);
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute('me.withdraw', {
      method: 'delete',
      path: '/me/subscriptions/{kind}/{id}',
      tags: ['notifications'],
      summary: 'Stop following an area, a body or a contractor',
      request: { params: SubscriptionParams },
      responses: { 204: { description: 'Not subscribed' }, ...problemResponses(400, 401, 503) },
    }),
    async (c) => {
      const { kind, id } = c.req.valid('param');
      await unsubscribe(c.var.deps.store, (c.var.user as Principal).sub, kind, id);
      return c.body(null, 204);
    },
  );
