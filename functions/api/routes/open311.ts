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
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { almatyDate } from '../../../shared/dates';
import { type Lang, pickText } from '../../../shared/i18n-text';
import type { Item } from '../../../shared/item';
import { isOpen, Question, RaiseQuestionInput } from '../../../shared/questions';
import { serverLang, serverText } from '../../../shared/server-texts';
import { getBody, listBodies } from '../../data/bodies';
import { getItem } from '../../data/items';
import { getQuestion, questionKeys } from '../../data/questions';
import { getItemsById } from '../../opendata/store';
import { authenticateOpen311Key } from '../../services/open311-keys';
import { raiseQuestion } from '../../services/questions';
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
/** The spec's limit on a requests query: at most 90 days, 1000 requests. */
const MAX_RANGE_DAYS = 90;
const MAX_REQUESTS = 1000;
/** A question's due date is at most this long after its receipt (15 working days, 2-month extension, redirects). */
const DUE_HORIZON_DAYS = 200;

class Open311Error extends Error {
  constructor(
    readonly code: ContentfulStatusCode,
    description: string,
  ) {
    super(description);
  }
}

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

const requestId = (q: Pick<Question, 'itemId' | 'id'>) => `${q.itemId}-${q.id}`;
const REQUEST_FILE = /^([0-9A-HJKMNP-TV-Z]{26})-([0-9A-HJKMNP-TV-Z]{26})\.(json|xml)$/;

/** Almaty is UTC+5: a due date ends at 23:59:59 local time. */
const endOfAlmatyDay = (date: string) => `${date}T23:59:59+05:00`;
const w3c = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');

function toServiceRequest(q: Question, bodyName: string, item: Item | undefined, lang: Lang) {
  const answer = q.answers.at(-1);
  return {
    service_request_id: requestId(q),
    status: isOpen(q.status) ? ('open' as const) : ('closed' as const),
    ...(answer ? { status_notes: answer.text } : {}),
    service_name: bodyName,
    service_code: q.bodyId,
    description: q.text,
    agency_responsible: bodyName,
    service_notice: serverText(`status.${q.status}`, lang),
    requested_datetime: w3c(q.createdAt),
    updated_datetime: w3c(q.updatedAt),
    expected_datetime: endOfAlmatyDay(q.dueOn),
    ...(item?.location.address ? { address: item.location.address } : {}),
    ...(item ? { lat: item.location.point[1], long: item.location.point[0] } : {}),
  };
}

async function bodyNames(c: Context<AppEnv>): Promise<Map<string, string>> {
  const bodies = await listBodies(c.var.deps.store);
  const lang = localeOf(c);
  return new Map(bodies.map((b) => [b.id, pickText(b.name, lang)]));
}

/** Questions received in [from, to], by walking the open and closed lists over their due dates. */
async function questionsReceivedBetween(
  c: Context<AppEnv>,
  from: Date,
  to: Date,
  buckets: ('open' | 'closed')[],
): Promise<Question[]> {
  const store = c.var.deps.store;
  const dueFrom = almatyDate(from);
  const dueTo = almatyDate(new Date(to.getTime() + DUE_HORIZON_DAYS * 86_400_000));
  const out: Question[] = [];
  for (const bucket of buckets) {
    let start: Record<string, unknown> | undefined;
    do {
      const res = await store.doc.send(
        new QueryCommand({
          TableName: store.table,
          IndexName: 'byKind',
          KeyConditionExpression: 'gsi7pk = :k AND gsi7sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':k': questionKeys.kind(bucket),
            ':from': dueFrom,
            ':to': `${dueTo}#~`,
          },
          ExclusiveStartKey: start,
        }),
      );
      for (const r of res.Items ?? []) {
        const q = Question.safeParse(r);
        if (!q.success) continue;
        const at = new Date(q.data.createdAt).getTime();
        if (at >= from.getTime() && at <= to.getTime()) out.push(q.data);
      }
      start = res.LastEvaluatedKey;
    } while (start);
  }
  return out;
}

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
        const bodies = await listBodies(c.var.deps.store);
        const lang = localeOf(c);
        const services = bodies.map((b) => ({
          service_code: b.id,
          service_name: pickText(b.name, lang),
          description: serverText('open311.description', lang, { body: pickText(b.name, lang) }),
          metadata: true,
          type: 'realtime' as const,
          keywords: serverText('open311.keywords', lang),
          group: 'bodies',
        }));
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
        const { service_request_id, service_code, start_date, end_date, status } = query.data;
        const names = await bodyNames(c);
        let questions: Question[];
        if (service_request_id) {
          const ids = service_request_id.split(',').slice(0, MAX_REQUESTS);
          const found = await Promise.all(
            ids.map((id) => {
              const m = /^([0-9A-HJKMNP-TV-Z]{26})-([0-9A-HJKMNP-TV-Z]{26})$/.exec(id.trim());
              return m ? getQuestion(c.var.deps.store, m[1]!, m[2]!) : null;
            }),
          );
          questions = found.filter((q): q is Question => q !== null);
        } else {
          const to = end_date ? new Date(end_date) : c.var.deps.now();
          const from = start_date
            ? new Date(start_date)
            : new Date(to.getTime() - MAX_RANGE_DAYS * 86_400_000);
          if (from > to) throw new Open311Error(400, 'start_date must not be after end_date');
          if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
            throw new Open311Error(400, `the date range may not span more than ${MAX_RANGE_DAYS} days`);
          }
          const buckets = status
            ? (status.split(',') as ('open' | 'closed')[])
            : (['open', 'closed'] as const);
          questions = (await questionsReceivedBetween(c, from, to, [...new Set(buckets)]))
            .filter((q) => !service_code || q.bodyId === service_code)
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .slice(0, MAX_REQUESTS);
        }
        const items = await getItemsById(
          c.var.deps.store,
          questions.map((q) => q.itemId),
        );
        const rows = questions.map((q) =>
          toServiceRequest(q, names.get(q.bodyId) ?? q.bodyId, items.get(q.itemId), localeOf(c)),
        );
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
        if (!f.service_code) throw new Open311Error(400, 'service_code is required');
        const itemId = f['attribute[item_id]'];
        if (!itemId)
          throw new Open311Error(
            400,
            'attribute[item_id] is required: the budget item the question is about',
          );
        const item = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(itemId) ? await getItem(c.var.deps.store, itemId) : null;
        if (!item) throw new Open311Error(404, `No budget item ${itemId}.`);
        if (item.body.id !== f.service_code) {
          throw new Open311Error(
            400,
            `service_code ${f.service_code} is not the body responsible for item ${itemId} (${item.body.id})`,
          );
        }
        const input = RaiseQuestionInput.safeParse({ text: f.description ?? '' });
        if (!input.success)
          throw new Open311Error(400, 'description: the question needs 10 to 5000 characters');
        const name =
          [f.first_name, f.last_name].filter(Boolean).join(' ') ||
          serverText('open311.defaultName', localeOf(c));
        const q = await raiseQuestion(
          c.var.deps.store,
          item,
          { sub: `open311:${client}`, name, roles: ['citizen'], bodies: [] },
          input.data,
          { now: c.var.deps.now() },
        );
        return reply(c, format, 201, 'service_requests', 'request', [
          {
            service_request_id: requestId(q),
            service_notice: serverText('open311.due', localeOf(c), { date: q.dueOn }),
          },
        ]);
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
      if (!(await getBody(c.var.deps.store, code))) throw new Open311Error(404, `No service ${code}.`);
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
      const q = m ? await getQuestion(c.var.deps.store, m[1]!, m[2]!) : null;
      if (!q) throw new Open311Error(404, 'No such service request.');
      const [names, item] = await Promise.all([bodyNames(c), getItem(c.var.deps.store, q.itemId)]);
      return reply(c, format, 200, 'service_requests', 'request', [
        toServiceRequest(q, names.get(q.bodyId) ?? q.bodyId, item ?? undefined, localeOf(c)),
      ]);
    }) as never;
  },
);
