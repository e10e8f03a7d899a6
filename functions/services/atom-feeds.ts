/**
 * Atom feeds of public activity: for an item, an area, a body, a contractor, and every body's
 * answers. Each feed is a few bounded queries on existing indexes (no Scan, a Limit on every read):
 *   item        the item; its questions (item partition, QUESTION#); its newest comments (byCategory THREAD#<id>)
 *   area        newest items (byArea); answers of the area's bodies (bodies list, then byBody Q#, ≤ 10 bodies)
 *   body        newest items (byBody ITEM#); its answered questions (byBody Q#open#/Q#closed#)
 *   contractor  newest items (byContractor)
 *   answers     questions by due date, open and closed (byKind KIND#QUESTION#…), answers only
 * Entries say only what the public pages say: no account ids, no contact details, no hidden or
 * deleted comment text, askers never named (their name is shown on the site only when they chose).
 */
import { AREA_CODES, type AreaCode } from '../../shared/areas';
import { checkIdentificationNumber } from '../../shared/bin';
import type { Item } from '../../shared/item';
import type { Question } from '../../shared/questions';
import { getBody, listBodies } from '../data/bodies';
import type { Store } from '../data/client';
import { type CommentRecord, latestThreadActivity } from '../data/comments';
import { fromItemRecord, getItem, type ItemsOf, latestItemRecords } from '../data/items';
import { latestQuestions, listItemQuestions } from '../data/questions';
import type { AtomEntry, AtomFeed } from '../feeds/atom';

export type FeedLang = 'kk' | 'ru' | 'en';
export const MAX_ENTRIES = 50;
const COMMENTS_PER_ITEM = 30;
const AREA_BODIES = 10;

export interface FeedContext {
  /** The public origin (https://host) for links. */
  origin: string;
  /** The tag: authority (the host name). */
  authority: string;
  selfUrl: string;
  lang: FeedLang;
  now: Date;
}

const WORDS = {
  item: { kk: 'Бюджет нысаны', ru: 'Бюджетный объект', en: 'Budget item' },
  newItem: { kk: 'Жаңа нысан', ru: 'Новый объект', en: 'New item' },
  state: { kk: 'Күйі мен сомалары', ru: 'Статус и суммы', en: 'Status and amounts' },
  answer: { kk: 'Органның жауабы', ru: 'Ответ органа', en: 'Answer from the body' },
  comment: { kk: 'Пікір', ru: 'Комментарий', en: 'Comment' },
  question: { kk: 'Сұрақ', ru: 'Вопрос', en: 'Question' },
  planned: { kk: 'жоспар', ru: 'план', en: 'planned' },
  contracted: { kk: 'шарт', ru: 'договор', en: 'contracted' },
  spent: { kk: 'игерілді', ru: 'освоено', en: 'spent' },
  area: { kk: 'Аумақ', ru: 'Территория', en: 'Area' },
  body: { kk: 'Мемлекеттік орган', ru: 'Госорган', en: 'Government body' },
  contractor: { kk: 'Мердігер', ru: 'Подрядчик', en: 'Contractor' },
  answers: { kk: 'Органдардың жауаптары', ru: 'Ответы органов', en: 'Answers from bodies' },
} as const satisfies Record<string, Record<FeedLang, string>>;

function pick(text: Record<string, string> | undefined, lang: FeedLang, fallback = ''): string {
  return text?.[lang] || text?.kk || text?.ru || text?.en || Object.values(text ?? {})[0] || fallback;
}

const itemUrl = (ctx: FeedContext, id: string) => `${ctx.origin}/items/${id}`;

/** The item's state now: its status and money. A new status or amount is a new entry (new updated). */
function stateEntry(ctx: FeedContext, item: Item): AtomEntry {
  const w = (k: keyof typeof WORDS) => WORDS[k][ctx.lang];
  const updated = item.provenance.updatedAt;
  return {
    key: `item/${item.id}/state/${updated}`,
    title: `${pick(item.title, ctx.lang, item.id)} — ${w('state')}: ${item.status}`,
    updated,
    link: itemUrl(ctx, item.id),
    category: 'status',
    content: [
      `${item.status}`,
      `${w('planned')}: ${item.amounts.planned} KZT`,
      `${w('contracted')}: ${item.amounts.contracted} KZT`,
      `${w('spent')}: ${item.amounts.spent} KZT`,
      `${pick(item.body.name, ctx.lang)}`,
    ].join('\n'),
  };
}

function newItemEntry(ctx: FeedContext, item: Item): AtomEntry {
  return {
    ...stateEntry(ctx, item),
    key: `item/${item.id}`,
    title: `${WORDS.newItem[ctx.lang]}: ${pick(item.title, ctx.lang, item.id)}`,
    category: 'item',
  };
}

/** One entry per answer version (an edit is news too); by body name, never by the official's account. */
function answerEntries(ctx: FeedContext, q: Question, bodyNames: Map<string, string>): AtomEntry[] {
  // What moderation hid (the question, an answer version) stays out of feeds as out of the views.
  const questionText = q.hiddenParts?.question ? '' : q.text;
  return q.answers
    .filter((a) => !q.hiddenParts?.[`answer:${a.version}`])
    .map((a) => ({
      key: `question/${q.id}/answer/${a.version}`,
      title: `${WORDS.answer[ctx.lang]}: ${bodyNames.get(a.bodyId) ?? a.bodyId}${q.itemTitle ? ` — ${pick(q.itemTitle, ctx.lang)}` : ''}`,
      updated: a.at,
      published: a.at,
      link: `${itemUrl(ctx, q.itemId)}#question-${q.id}`,
      author: bodyNames.get(a.bodyId) ?? a.bodyId,
      category: 'answer',
      content: `${WORDS.question[ctx.lang]}: ${questionText}\n\n${WORDS.answer[ctx.lang]}: ${a.text}`,
    }));
}

function commentEntry(ctx: FeedContext, c: CommentRecord, itemTitle: string): AtomEntry | null {
  // Hidden, pending or deleted comments are not public: they never reach a feed.
  if (c.deleted || c.visibility !== 'visible') return null;
  return {
    key: `comment/${c.id}`,
    title: `${WORDS.comment[ctx.lang]}: ${itemTitle}`,
    updated: c.editedAt ?? c.createdAt,
    published: c.createdAt,
    link: `${itemUrl(ctx, c.itemId)}#comment-${c.id}`,
    author: c.official
      ? pick(c.official.bodyName as Record<string, string>, ctx.lang, c.authorName)
      : c.authorName,
    category: 'comment',
    content: c.body,
  };
}

async function bodyNameMap(store: Store, lang: FeedLang): Promise<Map<string, string>> {
  // Bodies are few by nature (a region's akimats and departments): one list, cached by nobody.
  return new Map(
    (await listBodies(store)).map((b) => [b.id, pick(b.name as Record<string, string>, lang, b.id)]),
  );
}

function newest(entries: AtomEntry[]): AtomEntry[] {
  return entries
    .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0))
    .slice(0, MAX_ENTRIES);
}

function feed(
  ctx: FeedContext,
  key: string,
  title: string,
  alternateUrl: string,
  entries: AtomEntry[],
): AtomFeed {
  return {
    key,
    title,
    selfUrl: ctx.selfUrl,
    alternateUrl,
    authority: ctx.authority,
    entries: newest(entries),
    fallbackUpdated: '2026-01-01T00:00:00.000Z',
  };
}

async function answeredQuestionsOfBody(store: Store, bodyId: string, limit: number): Promise<Question[]> {
  const lists = await Promise.all(
    (['open', 'closed'] as const).map((bucket) => latestQuestions(store, bucket, limit, bodyId)),
  );
  return lists.flat().filter((q) => q.answers?.length > 0);
}

async function latestItems(store: Store, of: ItemsOf, limit: number): Promise<Item[]> {
  return (await latestItemRecords(store, of, limit)).map((r) => fromItemRecord(r));
}

export async function itemFeed(store: Store, itemId: string, ctx: FeedContext): Promise<AtomFeed | null> {
  const item = await getItem(store, itemId);
  if (!item) return null;
  const [questions, comments, names] = await Promise.all([
    listItemQuestions(store, itemId),
    latestThreadActivity(store, itemId, COMMENTS_PER_ITEM),
    bodyNameMap(store, ctx.lang),
  ]);
  const title = pick(item.title, ctx.lang, item.id);
  const entries: AtomEntry[] = [
    stateEntry(ctx, item),
    ...questions.flatMap((q) => answerEntries(ctx, q, names)),
    ...comments.flatMap((c) => commentEntry(ctx, c, title) ?? []),
  ];
  return feed(ctx, `item/${item.id}`, `${WORDS.item[ctx.lang]}: ${title}`, itemUrl(ctx, item.id), entries);
}

export function isAreaCode(code: string): code is AreaCode {
  return (AREA_CODES as readonly string[]).includes(code);
}

export async function areaFeed(store: Store, area: string, ctx: FeedContext): Promise<AtomFeed | null> {
  if (!isAreaCode(area)) return null;
  const [items, bodies] = await Promise.all([latestItems(store, { area }, MAX_ENTRIES), listBodies(store)]);
  const names = new Map(bodies.map((b) => [b.id, pick(b.name as Record<string, string>, ctx.lang, b.id)]));
  const areaBodies = bodies.filter((b) => b.area === area).slice(0, AREA_BODIES);
  const questions = (
    await Promise.all(areaBodies.map((b) => answeredQuestionsOfBody(store, b.id, 20)))
  ).flat();
  const entries = [
    ...items.map((i) => newItemEntry(ctx, i)),
    ...questions.flatMap((q) => answerEntries(ctx, q, names)),
  ];
  return feed(
    ctx,
    `area/${area}`,
    `${WORDS.area[ctx.lang]}: ${area}`,
    `${ctx.origin}/?area=${area}`,
    entries,
  );
}

export async function bodyFeed(store: Store, bodyId: string, ctx: FeedContext): Promise<AtomFeed | null> {
  const body = await getBody(store, bodyId);
  if (!body) return null;
  const [items, questions, names] = await Promise.all([
    latestItems(store, { bodyId }, MAX_ENTRIES),
    answeredQuestionsOfBody(store, bodyId, MAX_ENTRIES),
    bodyNameMap(store, ctx.lang),
  ]);
  const name = pick(body.name as Record<string, string>, ctx.lang, body.id);
  const entries = [
    ...items.map((i) => newItemEntry(ctx, i)),
    ...questions.flatMap((q) => answerEntries(ctx, q, names)),
  ];
  return feed(
    ctx,
    `body/${body.id}`,
    `${WORDS.body[ctx.lang]}: ${name}`,
    `${ctx.origin}/?body=${body.id}`,
    entries,
  );
}

export async function contractorFeed(store: Store, bin: string, ctx: FeedContext): Promise<AtomFeed | null> {
  if (!checkIdentificationNumber(bin).ok) return null;
  const items = await latestItems(store, { contractorBin: bin }, MAX_ENTRIES);
  if (items.length === 0) return null;
  const name = items.find((i) => i.contractor?.name)?.contractor?.name ?? bin;
  return feed(
    ctx,
    `contractor/${bin}`,
    `${WORDS.contractor[ctx.lang]}: ${name}`,
    `${ctx.origin}/?contractor=${bin}`,
    items.map((i) => stateEntry(ctx, i)),
  );
}

export async function answersFeed(store: Store, ctx: FeedContext): Promise<AtomFeed> {
  const [lists, names] = await Promise.all([
    Promise.all(
      (['open', 'closed'] as const).map((bucket) => latestQuestions(store, bucket, 2 * MAX_ENTRIES)),
    ),
    bodyNameMap(store, ctx.lang),
  ]);
  const questions = lists.flat();
  const entries = questions.filter((q) => q.answers?.length > 0).flatMap((q) => answerEntries(ctx, q, names));
  return feed(ctx, 'answers', WORDS.answers[ctx.lang], `${ctx.origin}/responsiveness`, entries);
}
