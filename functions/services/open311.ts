/**
 * Open311 (GeoReport v2) over the hub's own workflow (issue 16: the routes in api/routes/open311.ts
 * parse, authenticate the key and answer in JSON or XML; this owns what they mean). A service is a
 * government body; a service request is a question to it, raised through the question workflow.
 * The request search walks the open and closed questions by due date, so it reads only the window.
 */
import { almatyDate } from '../../shared/dates';
import { type Lang, pickText } from '../../shared/i18n-text';
import type { Item } from '../../shared/item';
import { serverText } from '../../shared/server-texts';
import { isOpen, type Question, RaiseQuestionInput } from '../api/schemas/questions';
import { getBody, listBodies } from '../data/bodies';
import type { Store } from '../data/client';
import { getItem } from '../data/items';
import { getQuestion, questionsOfBucketDueBetween } from '../data/questions';
import { getItemsById } from '../opendata/store';
import { raiseQuestion } from './questions';

/** The spec's limit on a requests query: at most 90 days, 1000 requests. */
export const MAX_RANGE_DAYS = 90;
export const MAX_REQUESTS = 1000;
/** A question's due date is at most this long after its receipt (15 working days, 2-month extension, redirects). */
const DUE_HORIZON_DAYS = 200;

/** A refusal in the spec's terms: its code and description go in the error list as they are. */
export class Open311Error extends Error {
  constructor(
    readonly code: 400 | 403 | 404,
    description: string,
  ) {
    super(description);
  }
}

export const requestId = (q: Pick<Question, 'itemId' | 'id'>) => `${q.itemId}-${q.id}`;
const REQUEST_ID = /^([0-9A-HJKMNP-TV-Z]{26})-([0-9A-HJKMNP-TV-Z]{26})$/;

/** Almaty is UTC+5: a due date ends at 23:59:59 local time. */
const endOfAlmatyDay = (date: string) => `${date}T23:59:59+05:00`;
const w3c = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');

function toServiceRequest(q: Question, bodyName: string, item: Item | undefined, lang: Lang) {
  const answer = q.answers.at(-1);
  // Text moderation hid (the question, the latest answer) is left out here as in the views.
  const answerShown = answer && !q.hiddenParts?.[`answer:${answer.version}`];
  return {
    service_request_id: requestId(q),
    status: isOpen(q.status) ? ('open' as const) : ('closed' as const),
    ...(answerShown ? { status_notes: answer.text } : {}),
    service_name: bodyName,
    service_code: q.bodyId,
    description: q.hiddenParts?.question ? '' : q.text,
    agency_responsible: bodyName,
    service_notice: serverText(`status.${q.status}`, lang),
    requested_datetime: w3c(q.createdAt),
    updated_datetime: w3c(q.updatedAt),
    expected_datetime: endOfAlmatyDay(q.dueOn),
    ...(item?.location.address ? { address: item.location.address } : {}),
    ...(item ? { lat: item.location.point[1], long: item.location.point[0] } : {}),
  };
}

async function bodyNames(store: Store, lang: Lang): Promise<Map<string, string>> {
  const bodies = await listBodies(store);
  return new Map(bodies.map((b) => [b.id, pickText(b.name, lang)]));
}

/** The service list: one service per government body. */
export async function listServices(store: Store, lang: Lang) {
  const bodies = await listBodies(store);
  return bodies.map((b) => ({
    service_code: b.id,
    service_name: pickText(b.name, lang),
    description: serverText('open311.description', lang, { body: pickText(b.name, lang) }),
    metadata: true,
    type: 'realtime' as const,
    keywords: serverText('open311.keywords', lang),
    group: 'bodies',
  }));
}

/** Whether `code` names a service (a body). */
export async function serviceExists(store: Store, code: string): Promise<boolean> {
  return (await getBody(store, code)) !== null;
}

/** Questions received in [from, to], by walking the open and closed lists over their due dates. */
async function questionsReceivedBetween(
  store: Store,
  from: Date,
  to: Date,
  buckets: ('open' | 'closed')[],
): Promise<Question[]> {
  const dueFrom = almatyDate(from);
  const dueTo = almatyDate(new Date(to.getTime() + DUE_HORIZON_DAYS * 86_400_000));
  const out: Question[] = [];
  for (const bucket of buckets)
    for (const q of await questionsOfBucketDueBetween(store, bucket, dueFrom, dueTo)) {
      const at = new Date(q.createdAt).getTime();
      if (at >= from.getTime() && at <= to.getTime()) out.push(q);
    }
  return out;
}

export interface RequestSearch {
  service_request_id?: string | undefined;
  service_code?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  status?: string | undefined;
}

/**
 * Service requests by id (comma-separated; other filters then ignored) or by a date range (default
 * the last 90 days, at most 90 days), body and status; at most 1000, newest first.
 */
export async function findRequests(store: Store, query: RequestSearch, now: Date, lang: Lang) {
  const { service_request_id, service_code, start_date, end_date, status } = query;
  const names = await bodyNames(store, lang);
  let questions: Question[];
  if (service_request_id) {
    const ids = service_request_id.split(',').slice(0, MAX_REQUESTS);
    const found = await Promise.all(
      ids.map((id) => {
        const m = REQUEST_ID.exec(id.trim());
        return m ? getQuestion(store, m[1]!, m[2]!) : null;
      }),
    );
    questions = found.filter((q): q is Question => q !== null);
  } else {
    const to = end_date ? new Date(end_date) : now;
    const from = start_date ? new Date(start_date) : new Date(to.getTime() - MAX_RANGE_DAYS * 86_400_000);
    if (from > to) throw new Open311Error(400, 'start_date must not be after end_date');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
      throw new Open311Error(400, `the date range may not span more than ${MAX_RANGE_DAYS} days`);
    }
    const buckets = status ? (status.split(',') as ('open' | 'closed')[]) : (['open', 'closed'] as const);
    questions = (await questionsReceivedBetween(store, from, to, [...new Set(buckets)]))
      .filter((q) => !service_code || q.bodyId === service_code)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, MAX_REQUESTS);
  }
  const items = await getItemsById(
    store,
    questions.map((q) => q.itemId),
  );
  return questions.map((q) =>
    toServiceRequest(q, names.get(q.bodyId) ?? q.bodyId, items.get(q.itemId), lang),
  );
}

/** One service request (404 when there is no such question). */
export async function getRequest(store: Store, itemId: string, id: string, lang: Lang) {
  const q = await getQuestion(store, itemId, id);
  if (!q) throw new Open311Error(404, 'No such service request.');
  const [names, item] = await Promise.all([bodyNames(store, lang), getItem(store, q.itemId)]);
  return toServiceRequest(q, names.get(q.bodyId) ?? q.bodyId, item ?? undefined, lang);
}

export interface RequestForm {
  service_code?: string | undefined;
  itemId?: string | undefined;
  description?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
}

/**
 * Raises a question from an Open311 form by an authenticated client (`client` names it, never the
 * key): the item must exist and `service_code` must be its body.
 */
export async function submitRequest(store: Store, client: string, f: RequestForm, now: Date, lang: Lang) {
  if (!f.service_code) throw new Open311Error(400, 'service_code is required');
  const itemId = f.itemId;
  if (!itemId)
    throw new Open311Error(400, 'attribute[item_id] is required: the budget item the question is about');
  const item = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(itemId) ? await getItem(store, itemId) : null;
  if (!item) throw new Open311Error(404, `No budget item ${itemId}.`);
  if (item.body.id !== f.service_code) {
    throw new Open311Error(
      400,
      `service_code ${f.service_code} is not the body responsible for item ${itemId} (${item.body.id})`,
    );
  }
  const input = RaiseQuestionInput.safeParse({ text: f.description ?? '' });
  if (!input.success) throw new Open311Error(400, 'description: the question needs 10 to 5000 characters');
  const name =
    [f.first_name, f.last_name].filter(Boolean).join(' ') || serverText('open311.defaultName', lang);
  const q = await raiseQuestion(
    store,
    item,
    { sub: `open311:${client}`, name, roles: ['citizen'], bodies: [] },
    input.data,
    { now },
  );
  return [
    { service_request_id: requestId(q), service_notice: serverText('open311.due', lang, { date: q.dueOn }) },
  ];
}
