/**
 * A body's contacts (issue 20, item 3): its shared mailbox (set by an admin or the body's own
 * officials, verified by the link mailed to it) and its officials; and, for everyone, whether the
 * body's notifications work. The address appears only in the contacts view, to those who manage it.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { LANGS } from '../../../shared/i18n-text';
import {
  bodyContactView,
  bodyNotificationStatus,
  invalidLinkError,
  setBodyMailbox,
  verifyBodyMailbox,
} from '../../services/body-contacts';
import { authorize, defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { spendRatePolicy } from '../rate-policy';
import { BodyContactView, BodyNotificationStatus } from '../schemas/body-contacts';
import { BodyId } from '../schemas/questions';

const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <S extends z.ZodType>(schema: S) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const BodyParams = z.object({ bodyId: BodyId });

// Typed as the plain sub-app, as the other route modules are.
export const bodyContactRoutes: OpenAPIHono<AppEnv> = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('bodyContacts.manage', {
      method: 'get',
      path: '/bodies/{bodyId}/contacts',
      tags: ['bodies'],
      summary: "The body's shared mailbox (with its address), its notification state and its officials",
      request: { params: BodyParams },
      responses: {
        200: json(BodyContactView, "The body's contacts"),
        ...problemResponses(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { bodyId } = c.req.valid('param');
      authorize(c.var.user, 'bodyContacts.manage', { bodyId });
      return c.json(await bodyContactView(c.var.deps.store, bodyId), 200);
    },
  )
  .openapi(
    defineRoute('bodyContacts.manage', {
      method: 'put',
      path: '/bodies/{bodyId}/mailbox',
      tags: ['bodies'],
      summary:
        "Set the body's shared mailbox; it is mailed a verification link and receives no notifications until verified",
      request: {
        params: BodyParams,
        ...body(z.object({ address: z.email().max(254), lang: z.enum(LANGS).optional() })),
      },
      responses: {
        200: json(BodyContactView, "The body's contacts after the change"),
        ...problemResponses(400, 401, 403, 404, 429, 503),
      },
    }),
    async (c) => {
      const { bodyId } = c.req.valid('param');
      const { address, lang } = c.req.valid('json');
      authorize(c.var.user, 'bodyContacts.manage', { bodyId });
      const user = c.var.user!;
      const { store, now } = c.var.deps;
      await spendRatePolicy(c, 'PUT /bodies/{bodyId}/mailbox', user.sub);
      await setBodyMailbox(store, bodyId, address, user, lang ?? 'kk', now());
      return c.json(await bodyContactView(store, bodyId), 200);
    },
  )
  .openapi(
    defineRoute('bodyContacts.verify', {
      method: 'post',
      path: '/bodies/{bodyId}/mailbox/verify',
      tags: ['bodies'],
      summary:
        "Verify the body's shared mailbox with the token from the link mailed to it (no sign-in needed)",
      request: { params: BodyParams, ...body(z.object({ token: z.string().min(1).max(200) })) },
      responses: {
        200: json(BodyNotificationStatus, "The body's notification state, now verified"),
        ...problemResponses(400, 404, 503),
      },
    }),
    async (c) => {
      const { bodyId } = c.req.valid('param');
      const { store, now } = c.var.deps;
      if (!(await verifyBodyMailbox(store, bodyId, c.req.valid('json').token, now())))
        throw invalidLinkError();
      return c.json(await bodyNotificationStatus(store, bodyId), 200);
    },
  )
  .openapi(
    defineRoute('bodyContacts.status', {
      method: 'get',
      path: '/bodies/{bodyId}/notifications-status',
      tags: ['bodies'],
      summary:
        "Whether the body's notifications work: none, unverified, working or failing, with the last delivery and failure (never the address)",
      request: { params: BodyParams },
      responses: {
        200: json(BodyNotificationStatus, "The body's notification state"),
        ...problemResponses(400, 404, 503),
      },
    }),
    async (c) => c.json(await bodyNotificationStatus(c.var.deps.store, c.req.valid('param').bodyId), 200),
  );
