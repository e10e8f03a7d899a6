/**
 * The signed-in user's data rights: download everything the hub holds about them, and erase their
 * account (public contributions stay under a pseudonym). The workflows are services/data-rights.ts.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Principal } from '../../../shared/users';
import { eraseMyAccount, exportMyData } from '../../services/data-rights';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';

const Rows = z.array(z.record(z.string(), z.unknown()));
const Row = z.record(z.string(), z.unknown()).nullable();

const MyDataExport = z
  .object({
    exportedAt: z.iso.datetime(),
    account: z.object({
      sub: z.string(),
      name: z.string().nullable(),
      roles: z.array(z.string()),
      bodies: z.array(z.string()),
    }),
    profile: Row,
    contacts: Rows,
    notificationPreferences: Row,
    subscriptions: Rows,
    follows: Rows,
    telegram: Row,
    administrativeChanges: Rows,
    block: Row,
    comments: Rows,
    questions: Rows,
    visits: Rows,
  })
  .openapi('MyDataExport');

const ErasureResult = z
  .object({
    /** The name the account's public contributions are now shown under. */
    pseudonym: z.string(),
    pseudonymized: z.object({ comments: z.int(), questions: z.int(), visits: z.int() }),
    removedRecords: z.int(),
  })
  .openapi('ErasureResult');

export const dataRightsRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('me.export', {
      method: 'get',
      path: '/me/export',
      tags: ['identity'],
      summary: 'Everything the hub holds about you, as one JSON download',
      responses: {
        200: { description: 'Your data', content: { 'application/json': { schema: MyDataExport } } },
        ...problemResponses(401, 503),
      },
    }),
    async (c) => {
      const user = c.var.user as Principal;
      const { store, now } = c.var.deps;
      const data = await exportMyData(store, user, now());
      c.header('Content-Disposition', 'attachment; filename="my-data.json"');
      c.header('Cache-Control', 'no-store');
      return c.json(data, 200);
    },
  )
  .openapi(
    defineRoute('me.erase', {
      method: 'delete',
      path: '/me',
      tags: ['identity'],
      summary:
        'Erase your account: profile and contact details removed, contributions kept under a pseudonym',
      responses: {
        200: { description: 'What was erased', content: { 'application/json': { schema: ErasureResult } } },
        ...problemResponses(401, 503),
      },
    }),
    async (c) => {
      const user = c.var.user as Principal;
      const { store, now } = c.var.deps;
      return c.json(await eraseMyAccount(store, user, now()), 200);
    },
  );
