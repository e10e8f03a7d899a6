/**
 * Minutes as a versioned record (functions/services/minutes.ts): corrections after publishing, every
 * version readable, and the club's settings (the quorum the minutes check).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Principal } from '../../../shared/users';
import { getClubSettings, getMinutesVersion, listMinutesVersions } from '../../data/sessions';
import { correctMinutes, setClubSettings } from '../../services/minutes';
import { loadSession } from '../../services/sessions';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { completionOps, defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { NotFoundError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import { Ulid } from '../schemas/item';
import { ClubSettings, MinutesCorrectionInput, MinutesVersion } from '../schemas/sessions';

// A fresh instance: a schema built in shared/ before the OpenAPI extension loaded has no `.openapi`.
const MinutesVersionView = MinutesVersion.extend({}).openapi('MinutesVersion');
const ClubSettingsView = ClubSettings.extend({}).openapi('ClubSettings');
const IdParam = z.object({ id: Ulid });
const json = <S extends z.ZodType>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const ok = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Minutes exist only once published: before that, there is nothing public to read. */
async function publishedSession(c: { var: AppEnv['Variables'] }, id: string) {
  const s = await loadSession(c.var.deps.store, id);
  if (!s.minutes) throw new NotFoundError('This session has no published minutes.');
  return s;
}

export const minutesRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineCreate('sessions.publish', {
      method: 'post',
      path: '/sessions/{id}/minutes/corrections',
      tags: ['sessions'],
      summary:
        'Corrects published minutes: writes the next version with its reason (on the audit chain); earlier versions stay readable',
      request: { params: IdParam, ...json(MinutesCorrectionInput) },
      responses: {
        201: ok('The new version', MinutesVersionView),
        ...problemResponses(400, 401, 403, 404, 409, 429, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const input = c.req.valid('json');
      const s = await loadSession(store, c.req.valid('param').id);
      await spendRatePolicy(c, 'POST /sessions/{id}/minutes/corrections', c.var.user!.sub);
      const v = await correctMinutes(store, s, input, c.var.user as Principal, now(), (next) =>
        completionOps(c, 201, next),
      );
      return c.json(v, 201);
    },
  )
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/sessions/{id}/minutes/versions',
      tags: ['sessions'],
      summary: 'Every published version of the minutes, oldest first (each correction with its reason)',
      request: { params: IdParam },
      responses: {
        200: ok('Versions', z.object({ versions: z.array(MinutesVersionView) })),
        ...problemResponses(400, 404, 503),
      },
    }),
    async (c) => {
      const s = await publishedSession(c, c.req.valid('param').id);
      return c.json({ versions: await listMinutesVersions(c.var.deps.store, s.id) }, 200);
    },
  )
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/sessions/{id}/minutes/versions/{version}',
      tags: ['sessions'],
      summary: 'One version of the minutes as it was published',
      request: { params: z.object({ id: Ulid, version: z.coerce.number().int().min(1).max(9999) }) },
      responses: { 200: ok('The version', MinutesVersionView), ...problemResponses(400, 404, 503) },
    }),
    async (c) => {
      const { id, version } = c.req.valid('param');
      await publishedSession(c, id);
      const v = await getMinutesVersion(c.var.deps.store, id, version);
      if (!v) throw new NotFoundError(`No version ${version} of these minutes.`);
      return c.json(v, 200);
    },
  )
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/club/settings',
      tags: ['sessions'],
      summary: 'The club’s settings: the quorum (members present) its minutes are checked against',
      responses: {
        200: ok('Settings (null before first set)', ClubSettingsView.nullable()),
        ...problemResponses(503),
      },
    }),
    async (c) => c.json(await getClubSettings(c.var.deps.store), 200),
  )
  .openapi(
    defineRoute('sessions.publish', {
      method: 'put',
      path: '/club/settings',
      tags: ['sessions'],
      summary: 'The secretary sets the club’s settings (on the audit chain)',
      request: json(ClubSettings),
      responses: { 200: ok('Settings', ClubSettingsView), ...problemResponses(400, 401, 403, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      return c.json(await setClubSettings(store, c.req.valid('json'), c.var.user as Principal, now()), 200);
    },
  );
