/**
 * Invitations to a club session (functions/services/invitations.ts): the secretary invites the
 * bodies on the agenda, an official of each invited body answers, the secretary records who came;
 * anyone reads who was invited and who confirmed (the agenda shows it).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../../../shared/policy';
import type { Principal } from '../../../shared/users';
import { listInvitations } from '../../data/invitations';
import { answerInvitation, inviteBodies, recordAttendance } from '../../services/invitations';
import { loadSession } from '../../services/sessions';
import { authorize, defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { completionOps, defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { spendRatePolicy } from '../rate-policy';
import { AttendanceInput, Invitation, RsvpInput } from '../schemas/invitations';
import { Ulid } from '../schemas/item';
import { BodyId } from '../schemas/sessions';

// A fresh instance: a schema built in shared/ before the OpenAPI extension loaded has no `.openapi`.
const InvitationView = Invitation.extend({}).openapi('Invitation');
const InvitationList = z.object({ invitations: z.array(InvitationView) }).openapi('Invitations');
const IdParam = z.object({ id: Ulid });
const BodyParam = z.object({ id: Ulid, bodyId: BodyId });
const json = <S extends z.ZodType>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const ok = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
});

export const invitationRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/sessions/{id}/invitations',
      tags: ['sessions'],
      summary: 'The bodies invited to a session, their answers (attend, deputy, decline) and attendance',
      request: { params: IdParam },
      responses: { 200: ok('Invitations by body', InvitationList), ...problemResponses(400, 404, 503) },
    }),
    async (c) => {
      const { store } = c.var.deps;
      const s = await loadSession(store, c.req.valid('param').id);
      let invitations = await listInvitations(store, s.id);
      // Nothing of a draft is public: the club sees its invitations, an invited official their body's.
      if (s.status === 'draft' && !can(c.var.user, 'sessions.edit')) {
        authorize(c.var.user, 'sessions.involved');
        const bodies = (c.var.user as Principal).bodies;
        invitations = invitations.filter((i) => bodies.includes(i.bodyId));
      }
      return c.json({ invitations: invitations.sort((a, b) => a.bodyId.localeCompare(b.bodyId)) }, 200);
    },
  )
  .openapi(
    defineCreate('sessions.invite', {
      method: 'post',
      path: '/sessions/{id}/invitations',
      tags: ['sessions'],
      summary:
        'Invites every body on the agenda not yet invited (their mailboxes and officials are notified); 409 invitation.none_to_invite when none is left',
      request: { params: IdParam },
      responses: {
        201: ok('Every invitation of the session', InvitationList),
        ...problemResponses(400, 401, 403, 404, 409, 429, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const s = await loadSession(store, c.req.valid('param').id);
      await spendRatePolicy(c, 'POST /sessions/{id}/invitations', c.var.user!.sub);
      const user = c.var.user as Principal;
      // The key's stored response (the list after this call) commits with the invitations.
      const invitations = await inviteBodies(store, s, user, now(), (all) =>
        completionOps(c, 201, { invitations: all }),
      );
      return c.json({ invitations }, 201);
    },
  )
  .openapi(
    defineRoute('sessions.rsvp', {
      method: 'put',
      path: '/sessions/{id}/invitations/{bodyId}/response',
      tags: ['sessions'],
      summary:
        'An official of the invited body answers: attend, send a deputy (named), or decline (with a reason); a new answer replaces the last',
      request: { params: BodyParam, ...json(RsvpInput) },
      responses: {
        200: ok('The invitation', InvitationView),
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { id, bodyId } = c.req.valid('param');
      authorize(c.var.user, 'sessions.rsvp', { bodyId });
      const s = await loadSession(store, id);
      const inv = await answerInvitation(
        store,
        s,
        bodyId,
        c.req.valid('json'),
        c.var.user as Principal,
        now(),
      );
      return c.json(inv, 200);
    },
  )
  .openapi(
    defineRoute('sessions.publish', {
      method: 'put',
      path: '/sessions/{id}/invitations/{bodyId}/attendance',
      tags: ['sessions'],
      summary: 'The secretary records whether the invited body came, and who (from the session’s start)',
      request: { params: BodyParam, ...json(AttendanceInput) },
      responses: {
        200: ok('The invitation', InvitationView),
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { id, bodyId } = c.req.valid('param');
      const s = await loadSession(store, id);
      const inv = await recordAttendance(
        store,
        s,
        bodyId,
        c.req.valid('json'),
        c.var.user as Principal,
        now(),
      );
      return c.json(inv, 200);
    },
  );
