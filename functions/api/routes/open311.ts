/**
 * Open311 GeoReport v2 over questions to government bodies, so existing Open311 clients can read
 * questions and answers and raise new ones. Mounted at `/open311/v2`.
 *
 *   service          a government body (service_code = body id); a request needs the item it is about,
 *                    given as the service attribute `item_id` (GET services/{code} describes it)
 *   service request  a question; service_request_id is "<item id>-<question id>"
 *   status           open / closed; our finer status goes in service_notice, the latest answer in
 *                    status_notes, the legal due date in expected_datetime
 *
 * Every endpoint answers in XML or JSON by its `.xml` / `.json` suffix, errors included, in the
 * spec's own shapes (`[{code, description}]` / `<errors><error>…`), not problem+json.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Lang } from '../../../shared/i18n-text';
import { serverLang } from '../../../shared/server-texts';
import {
  findRequests,
  getRequest,
  listServices,
  Open311Error,
  serviceExists,
  submitRequest,
} from '../../services/open311';
import { authenticateOpen311Key } from '../../services/open311-keys';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { defineCreate } from '../idempotency';
import { isStorageTrouble, ProblemError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import { toXml } from '../xml';

type Format = 'json' | 'xml';
const FORMATS = ['json', 'xml'] as const;
/** Texts in `?locale=kk|ru|en` (default kk, the hub's language); body names fall back kk → ru → en. */
const localeOf = (c: Context<AppEnv>): Lang => serverLang(c.req.query('locale'));
/** The one way an Open311 answer leaves: JSON as is, XML under the spec's element names. */
function reply(
  c: Context<AppEnv>,
  format: Format,
  status: ContentfulStatusCode,
  root: string,
  element: string,
  rows: object[],
) {
  if (format === 'json')
    return c.body(JSON.stringify(rows), status, { 'Content-Type': 'application/json; charset=utf-8' });
  const body = `<?xml version="1.0" encoding="utf-8"?>${toXml({ [root]: { [element]: rows } })}`;
  return c.body(body, status, { 'Content-Type': 'text/xml; charset=utf-8' });
}

function replyError(c: Context<AppEnv>, format: Format, err: unknown) {
  let code: ContentfulStatusCode = 500;
  let description = 'Internal error';
  if (err instanceof Open311Error) ({ code, message: description } = err);
  else if (err instanceof ProblemError) {
    ({ status: code, message: description } = err);
    // Retry-After of a 429 or 503 matters to an Open311 client as much as to any other.
    for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
  } else if (isStorageTrouble(err)) {
    code = 503;
    description = 'Storage is not answering; try again shortly.';
    c.header('Retry-After', '5');
  } else console.error(JSON.stringify({ level: 'error', msg: 'open311', error: String(err) }));
  return reply(c, format, code, 'errors', 'error', [{ code, description }]);
}

/** Runs a handler and turns any failure into the spec's error list in the requested format. */
async function open311(c: Context<AppEnv>, format: Format, handler: () => Promise<Response>) {
  try {
    return await handler();
  } catch (err) {
    return replyError(c, format, err);
  }
}

const ErrorList = z
  .array(z.object({ code: z.number().int(), description: z.string() }))
  .openapi('Open311Errors');

const Service = z
  .object({
    service_code: z.string(),
    service_name: z.string(),
    description: z.string(),
    metadata: z.boolean(),
    type: z.enum(['realtime', 'batch', 'blackbox']),
    keywords: z.string(),
    group: z.string(),
  })
  .openapi('Open311Service');

const ServiceDefinition = z
  .object({
    service_code: z.string(),
    attributes: z.array(
      z.object({
        variable: z.boolean(),
        code: z.string(),
        datatype: z.string(),
        required: z.boolean(),
        datatype_description: z.string(),
        order: z.number().int(),
        description: z.string(),
      }),
    ),
  })
  .openapi('Open311ServiceDefinition');

const ServiceRequest = z
  .object({
    service_request_id: z.string(),
    status: z.enum(['open', 'closed']),
    status_notes: z.string().optional(),
    service_name: z.string(),
    service_code: z.string(),
    description: z.string(),
    agency_responsible: z.string(),
    service_notice: z.string(),
    requested_datetime: z.string(),
    updated_datetime: z.string(),
    expected_datetime: z.string(),
    address: z.string().optional(),
    lat: z.number().optional(),
    long: z.number().optional(),
  })
  .openapi('Open311ServiceRequest');

const Created = z
  .object({ service_request_id: z.string(), service_notice: z.string() })
  .openapi('Open311RequestCreated');

const contentFor = (schema: z.ZodType, format: Format, root: string) =>
  format === 'json'
    ? { 'application/json': { schema } }
    : {
        'text/xml': { schema: { type: 'string' as const, description: `XML: <${root}> as in GeoReport v2` } },
      };

const errorResponses = (format: Format, ...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      code,
      { description: 'Open311 error list', content: contentFor(ErrorList, format, 'errors') },
    ]),
  );

// ── mapping ─────────────────────────────────────────────────────────────────────────────────────

const REQUEST_FILE = /^([0-9A-HJKMNP-TV-Z]{26})-([0-9A-HJKMNP-TV-Z]{26})\.(json|xml)$/;

/** Keys configured outside the table (tests; OPEN311_API_KEYS while clients move to issued keys). */
function configuredKeys(c: Context<AppEnv>): string[] {
  const raw = c.var.deps.open311ApiKeys ?? (process.env.OPEN311_API_KEYS ?? '').split(',');
  return raw.map((k) => k.trim()).filter(Boolean);
}

const digest = (s: string) => createHash('sha256').update(s).digest();
/**
 * Who is calling: an issued key's id (`key:<id>`), or for a configured key a prefix of its digest;
 * null for no key or a wrong, unknown or revoked one. Names the client in rate counters and in
 * the question's asker, never the key itself.
 */
async function open311Client(c: Context<AppEnv>, key: string | undefined): Promise<string | null> {
  if (!key) return null;
  const issued = await authenticateOpen311Key(c.var.deps.store, key, c.var.deps.now());
  if (issued) return `key:${issued}`;
  const given = digest(key);
  // Constant-time comparison against every configured key.
  if (configuredKeys(c).some((k) => timingSafeEqual(digest(k), given)))
    return given.toString('hex').slice(0, 12);
  return null;
}

// ── routes ──────────────────────────────────────────────────────────────────────────────────────

const RequestsQuery = z.object({
  service_request_id: z
    .string()
    .max(2000)
    .optional()
    .describe('Comma-separated ids; other filters are then ignored'),
  service_code: z.string().max(64).optional(),
  start_date: z.iso.datetime({ offset: true }).optional().describe('Earliest requested_datetime (W3C)'),
  end_date: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Latest requested_datetime (W3C); at most 90 days after start_date'),
  status: z
    .string()
    .regex(/^(open|closed)(,(open|closed))?$/, 'open, closed or both')
    .optional(),
});

const PostForm = z.object({
  api_key: z.string().max(200).optional(),
  service_code: z.string().max(64).optional(),
  'attribute[item_id]': z.string().max(64).optional(),
  description: z.string().max(5000).optional(),
  lat: z.string().optional(),
  long: z.string().optional(),
  first_name: z.string().max(100).optional(),
  last_name: z.string().max(100).optional(),
  email: z.string().max(200).optional(),
});

/** Validation failures as the spec's 400 error list, in the format the path asks for. */
export const open311Routes = new OpenAPIHono<AppEnv>({
  defaultHook: (result, c) => {
    if (result.success) return;
    const first = result.error.issues[0];
    const format: Format = c.req.path.endsWith('.xml') ? 'xml' : 'json';
    return replyError(
      c,
      format,
      new Open311Error(
        400,
        `${first?.path.map(String).join('.') || 'request'}: ${first?.message ?? 'invalid'}`,
      ),
    );
  },
});

for (const format of FORMATS) {
  open311Routes.openapi(
    defineRoute('open311.read', {
      method: 'get',
      path: `/services.${format}`,
      tags: ['open311'],
      summary: `Open311 service list (${format.toUpperCase()}): one service per government body`,
      responses: {
        200: { description: 'Services', content: contentFor(z.array(Service), format, 'services') },
        ...errorResponses(format, 500),
      },
    }),
    (c) =>
      open311(c, format, async () => {
        const services = await listServices(c.var.deps.store, localeOf(c));
        return reply(c, format, 200, 'services', 'service', services);
      }) as never,
  );

  open311Routes.openapi(
    defineRoute('open311.read', {
      method: 'get',
      path: `/requests.${format}`,
      tags: ['open311'],
      summary: `Open311 service requests (${format.toUpperCase()}): questions to bodies and their answers`,
      description:
        'Without dates, the last 90 days. A range may not span more than 90 days; at most 1000 requests, newest first.',
      request: { query: RequestsQuery },
      responses: {
        200: {
          description: 'Service requests',
          content: contentFor(z.array(ServiceRequest), format, 'service_requests'),
        },
        ...errorResponses(format, 400, 500),
      },
    }),
    (c) =>
      open311(c, format, async () => {
        const query = RequestsQuery.safeParse(c.req.query());
        if (!query.success) {
          const first = query.error.issues[0];
          throw new Open311Error(400, `${first?.path.join('.')}: ${first?.message}`);
        }
        const rows = await findRequests(c.var.deps.store, query.data, c.var.deps.now(), localeOf(c));
        return reply(c, format, 200, 'service_requests', 'request', rows);
      }) as never,
  );

  open311Routes.openapi(
    defineCreate(
      'open311.submit',
      {
        method: 'post',
        path: `/requests.${format}`,
        tags: ['open311'],
        summary: `Raise a question through Open311 (${format.toUpperCase()}); needs an API key`,
        description:
          'Form fields per GeoReport v2: `api_key`, `service_code` (the body), `attribute[item_id]` (the item), ' +
          '`description` (the question, at least 10 characters), optional `first_name`/`last_name`.',
        request: {
          // A plain schema, not zod: the handler parses the form so a wrong body is a spec-shaped 400.
          body: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': {
                schema: { type: 'object' as const, description: 'GeoReport v2 form fields' },
              },
            },
          },
        },
        responses: {
          201: {
            description: 'The new request',
            content: contentFor(z.array(Created), format, 'service_requests'),
          },
          ...errorResponses(format, 400, 403, 404, 413, 429),
        },
      },
      // GeoReport v2 has no such header; clients that send one get exactly-once creates.
      { keyOptional: true },
    ),
    (c) =>
      open311(c, format, async () => {
        const form = PostForm.safeParse(
          Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)])),
        );
        if (!form.success) throw new Open311Error(400, 'invalid form fields');
        const f = form.data;
        const client = await open311Client(c, f.api_key);
        if (!client) throw new Open311Error(403, 'A valid api_key is required.');
        // Per key, not per person: the key's id names the client in the counter, never the key.
        await spendRatePolicy(c, `POST /requests.${format}`, `open311:${client}`);
        const { 'attribute[item_id]': itemId, ...fields } = f;
        const rows = await submitRequest(
          c.var.deps.store,
          client,
          { ...fields, itemId },
          c.var.deps.now(),
          localeOf(c),
        );
        return reply(c, format, 201, 'service_requests', 'request', rows);
      }) as never,
  );
}

open311Routes.openapi(
  defineRoute('open311.read', {
    method: 'get',
    path: '/services/{service_file}',
    tags: ['open311'],
    summary: 'Open311 service definition: the attributes a request needs',
    request: {
      params: z.object({
        service_file: z
          .string()
          .regex(/^[a-z0-9-]{2,64}\.(json|xml)$/)
          .describe('service_code followed by .json or .xml'),
      }),
    },
    responses: {
      200: {
        description: 'Service definition',
        content: {
          ...contentFor(ServiceDefinition, 'json', 'service_definition'),
          ...contentFor(ServiceDefinition, 'xml', 'service_definition'),
        },
      },
      404: {
        description: 'Open311 error list',
        content: { ...contentFor(ErrorList, 'json', 'errors'), ...contentFor(ErrorList, 'xml', 'errors') },
      },
    },
  }),
  (c) => {
    const file = c.req.param('service_file') ?? '';
    const fmt: Format = file.endsWith('.xml') ? 'xml' : 'json';
    return open311(c, fmt, async () => {
      const code = file.replace(/\.(json|xml)$/, '');
      if (!(await serviceExists(c.var.deps.store, code))) throw new Open311Error(404, `No service ${code}.`);
      const definition = {
        service_code: code,
        attributes: [
          {
            variable: true,
            code: 'item_id',
            datatype: 'string',
            required: true,
            datatype_description: 'The id (ULID) of the budget item the question is about, as on the map',
            order: 1,
            description: 'Budget item',
          },
        ],
      };
      if (fmt === 'json') return c.json(definition, 200);
      return c.body(
        `<?xml version="1.0" encoding="utf-8"?>${toXml({ service_definition: { service_code: code, attributes: { attribute: definition.attributes } } })}`,
        200,
        {
          'Content-Type': 'text/xml; charset=utf-8',
        },
      );
    }) as never;
  },
);

open311Routes.openapi(
  defineRoute('open311.read', {
    method: 'get',
    path: '/requests/{request_file}',
    tags: ['open311'],
    summary: 'One Open311 service request (a question), as "<id>.json" or "<id>.xml"',
    request: {
      params: z.object({
        request_file: z.string().regex(REQUEST_FILE).describe('service_request_id followed by .json or .xml'),
      }),
    },
    responses: {
      200: {
        description: 'A list holding the one request',
        content: {
          ...contentFor(z.array(ServiceRequest), 'json', 'service_requests'),
          ...contentFor(z.array(ServiceRequest), 'xml', 'service_requests'),
        },
      },
      404: {
        description: 'Open311 error list',
        content: { ...contentFor(ErrorList, 'json', 'errors'), ...contentFor(ErrorList, 'xml', 'errors') },
      },
    },
  }),
  (c) => {
    const m = REQUEST_FILE.exec(c.req.param('request_file') ?? '');
    const format: Format = m?.[3] === 'xml' ? 'xml' : 'json';
    return open311(c, format, async () => {
      if (!m) throw new Open311Error(404, 'No such service request.');
      const row = await getRequest(c.var.deps.store, m[1]!, m[2]!, localeOf(c));
      return reply(c, format, 200, 'service_requests', 'request', [row]);
    }) as never;
  },
);
