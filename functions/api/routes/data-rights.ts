/**
 * The signed-in user's data rights: download everything the hub holds about them, and erase their
 * account (public contributions stay under a pseudonym). The workflows are services/data-rights.ts.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Principal } from '../../../shared/users';
import { acceptSignUp, consentsOf, giveConsent, withdrawConsent } from '../../services/consents';
import { eraseMyAccount, exportMyData } from '../../services/data-rights';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import {
  CONSENT_PURPOSES,
  ConsentGrant,
  ConsentView,
  SignUpAcceptance,
  SignUpState,
} from '../schemas/consents';

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
    consents: Rows,
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

const Consent = z.object(ConsentView.shape).openapi('Consent');
const Consents = z.object({ consents: z.array(Consent) }).openapi('Consents');
const SignUpResult = z
  .object({ signUp: z.object(SignUpState.shape), consents: z.array(Consent) })
  .openapi('SignUpResult');
const PurposeParam = z.object({
  purpose: z.enum(CONSENT_PURPOSES).openapi({ param: { name: 'purpose', in: 'path' } }),
});

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
      return c.json(await eraseMyAccount(store, user, now(), c.var.deps.groups), 200);
    },
  )
  .openapi(
    defineRoute('me.read', {
      method: 'get',
      path: '/me/consents',
      tags: ['identity'],
      summary:
        'Your consents (e-mail, Telegram, positions): the current text’s version, given or not, and when',
      responses: {
        200: {
          description: 'Every consent the hub asks for',
          content: { 'application/json': { schema: Consents } },
        },
        ...problemResponses(401, 503),
      },
    }),
    async (c) => {
      const user = c.var.user as Principal;
      c.header('Cache-Control', 'no-store');
      return c.json({ consents: await consentsOf(c.var.deps.store, user.sub) }, 200);
    },
  )
  .openapi(
    defineRoute('me.update', {
      method: 'put',
      path: '/me/consents/{purpose}',
      tags: ['identity'],
      summary: 'Give your consent to the current text (its version as you were shown it)',
      request: {
        params: PurposeParam,
        body: { required: true, content: { 'application/json': { schema: ConsentGrant } } },
      },
      responses: {
        200: { description: 'The consent as stored', content: { 'application/json': { schema: Consent } } },
        ...problemResponses(400, 401, 503),
      },
    }),
    async (c) => {
      const user = c.var.user as Principal;
      const { store, now } = c.var.deps;
      const { purpose } = c.req.valid('param');
      return c.json(await giveConsent(store, user.sub, purpose, c.req.valid('json').version, now()), 200);
    },
  )
  .openapi(
    defineRoute('me.withdraw', {
      method: 'delete',
      path: '/me/consents/{purpose}',
      tags: ['identity'],
      summary:
        'Withdraw a consent: the e-mail address or Telegram link is removed, or your visits’ private positions',
      request: { params: PurposeParam },
      responses: {
        200: { description: 'The consent as stored', content: { 'application/json': { schema: Consent } } },
        ...problemResponses(400, 401, 503),
      },
    }),
    async (c) => {
      const user = c.var.user as Principal;
      const { store, now } = c.var.deps;
      return c.json(await withdrawConsent(store, user.sub, c.req.valid('param').purpose, now()), 200);
    },
  )
  .openapi(
    defineRoute('me.signUp', {
      method: 'put',
      path: '/me/sign-up',
      tags: ['identity'],
      summary:
        'Sign-up: accept the processing needed to hold an account (the text’s version as you were shown it), and the optional e-mail and Telegram consents you ticked',
      request: {
        body: { required: true, content: { 'application/json': { schema: SignUpAcceptance } } },
      },
      responses: {
        200: {
          description: 'The sign-up acceptance and every consent as stored',
          content: { 'application/json': { schema: SignUpResult } },
        },
        ...problemResponses(400, 401, 503),
      },
    }),
    async (c) => {
      const user = c.var.user as Principal;
      const { store, now } = c.var.deps;
      c.header('Cache-Control', 'no-store');
      return c.json(await acceptSignUp(store, user, c.req.valid('json'), now()), 200);
    },
  );
