/**
 * An official's desk for a body's questions (issue 20, item 4): the body's answer templates (kk and
 * ru, with placeholders), handing a question to a named official of the body, and internal notes.
 * Persistence is functions/data/inbox.ts; the eOtinish registration, a public change of the
 * question, is `registerInEotinish` in functions/services/questions.ts.
 *
 * Internal, hence not on the audit chain: the chain is public (anyone can read its entries), and an
 * entry per note or assignment would publish that a note exists, when, and by whom. These records
 * log themselves instead: a note is written once and never edited or deleted through the API (the
 * list is its own log, with author and time); an assignment keeps every change in `history`; a
 * template keeps who saved it last and a version, and each save is written as a structured log line
 * (`desk-change`) that the platform's log retention keeps. None of them carries text into the logs.
 */
import { ulid } from 'ulid';
import type {
  AnswerTemplate,
  Assignment,
  BodyOfficial,
  InternalNote,
  TemplateInput,
} from '../../shared/inbox';
import type { Principal } from '../../shared/users';
import type { Store } from '../data/client';
import { IdempotencyFencedError } from '../data/idempotency';
import {
  deleteTemplate,
  getAssignment,
  getRosterEntry,
  getTemplate,
  listNotes,
  listRoster,
  notePutOp,
  profileNames,
  putAssignment,
  putRosterEntry,
  templatePutOp,
} from '../data/inbox';
import { ConditionFailedError, type TransactOp, transact } from '../data/transaction';
import { getProfile } from '../data/users';

export { getAssignments, getTemplate, listTemplates } from '../data/inbox';

/** A desk rule refuses the change; `code` is a problem code from shared/problem-codes.ts. */
export class DeskRuleError extends Error {
  constructor(
    readonly kind: 'not_found' | 'invalid' | 'conflict',
    message: string,
    readonly code: 'inbox.not_an_official' | 'inbox.template_not_found' | 'inbox.stale',
  ) {
    super(message);
    this.name = 'DeskRuleError';
  }
}

const who = (p: Principal): BodyOfficial => ({ sub: p.sub, name: p.name });

function logDeskChange(action: string, bodyId: string, actorSub: string, subject: string) {
  console.info(JSON.stringify({ msg: 'desk-change', action, bodyId, actorSub, subject }));
}

/** A create with its Idempotency-Key's completion: a refused op after the first is the key's fence. */
async function create(ops: TransactOp[], store: Store): Promise<void> {
  try {
    await transact(store, ops);
  } catch (err) {
    if (err instanceof ConditionFailedError && err.index >= 1) throw new IdempotencyFencedError();
    throw err;
  }
}

// ── Roster ──────────────────────────────────────────────────────────────────────────────────

/**
 * The officials a question can be handed to. The roster is kept by body grants made in the hub
 * (functions/services/grants.ts) and by each official of the body opening their desk (their token
 * says which bodies they act for, e.g. a Cognito group granted outside the hub): `present` is the
 * caller, put on the roster before it is read. Names come from the profiles.
 */
export async function bodyOfficials(
  store: Store,
  bodyId: string,
  present: Principal,
  now: Date,
): Promise<BodyOfficial[]> {
  await putRosterEntry(store, bodyId, who(present), now);
  const roster = await listRoster(store, bodyId);
  const names = await profileNames(
    store,
    roster.map((o) => o.sub),
  );
  return roster
    .map((o) => ({ sub: o.sub, name: names.get(o.sub) ?? o.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Puts the caller on the roster (the inbox does it on each visit; a cheap idempotent put). */
export function joinRoster(store: Store, bodyId: string, official: Principal, now: Date): Promise<void> {
  return putRosterEntry(store, bodyId, who(official), now);
}

/** An official of `bodyId` by account id: on its roster, or a profile that says so; null otherwise. */
async function officialOf(store: Store, bodyId: string, sub: string): Promise<BodyOfficial | null> {
  const profile = await getProfile(store, sub);
  if (profile?.roles.includes('official') && profile.bodies.includes(bodyId))
    return { sub, name: profile.name };
  const entry = await getRosterEntry(store, bodyId, sub);
  // A roster entry without a profile (an official known from their token only) still counts.
  return entry && !profile ? entry : null;
}

// ── Templates ───────────────────────────────────────────────────────────────────────────────

export async function createTemplate(
  store: Store,
  bodyId: string,
  input: TemplateInput,
  official: Principal,
  now: Date,
  extraOps: (t: AnswerTemplate) => TransactOp[] = () => [],
): Promise<AnswerTemplate> {
  const at = now.toISOString();
  const t: AnswerTemplate = {
    id: ulid(now.getTime()),
    bodyId,
    title: input.title,
    text: input.text,
    updatedByName: official.name,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await create([templatePutOp(store, t, official.sub, null), ...extraOps(t)], store);
  logDeskChange('template.create', bodyId, official.sub, t.id);
  return t;
}

export async function updateTemplate(
  store: Store,
  bodyId: string,
  id: string,
  input: TemplateInput,
  official: Principal,
  now: Date,
): Promise<AnswerTemplate> {
  const before = await getTemplate(store, bodyId, id);
  if (!before)
    throw new DeskRuleError('not_found', `No template ${id} at ${bodyId}.`, 'inbox.template_not_found');
  const next: AnswerTemplate = {
    ...before,
    title: input.title,
    text: input.text,
    updatedByName: official.name,
    updatedAt: now.toISOString(),
    version: before.version + 1,
  };
  try {
    await transact(store, [templatePutOp(store, next, official.sub, before)]);
  } catch (err) {
    if (err instanceof ConditionFailedError)
      throw new DeskRuleError('conflict', 'Someone saved this template at the same moment.', 'inbox.stale');
    throw err;
  }
  logDeskChange('template.update', bodyId, official.sub, id);
  return next;
}

export async function removeTemplate(store: Store, bodyId: string, id: string, official: Principal) {
  if (!(await deleteTemplate(store, bodyId, id)))
    throw new DeskRuleError('not_found', `No template ${id} at ${bodyId}.`, 'inbox.template_not_found');
  logDeskChange('template.delete', bodyId, official.sub, id);
}

// ── Assignment ──────────────────────────────────────────────────────────────────────────────

/** Hands the question to a named official of its body (or, with `null`, to nobody). */
export async function assignQuestion(
  store: Store,
  q: { id: string; itemId: string; bodyId: string },
  assigneeSub: string | null,
  official: Principal,
  now: Date,
): Promise<Assignment> {
  const assignee = assigneeSub === null ? null : await officialOf(store, q.bodyId, assigneeSub);
  if (assigneeSub !== null && !assignee)
    throw new DeskRuleError(
      'invalid',
      `${assigneeSub} is not an official of ${q.bodyId}.`,
      'inbox.not_an_official',
    );
  const before = await getAssignment(store, q.bodyId, q.id);
  const at = now.toISOString();
  const by = who(official);
  const next: Assignment = {
    questionId: q.id,
    itemId: q.itemId,
    bodyId: q.bodyId,
    assignee,
    by,
    at,
    history: [...(before?.history ?? []), { assignee, by, at }],
  };
  try {
    await putAssignment(store, next, before);
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException')
      throw new DeskRuleError(
        'conflict',
        'Someone assigned this question at the same moment.',
        'inbox.stale',
      );
    throw err;
  }
  // Keeps the roster current with the names people are assigned by.
  if (assignee) await putRosterEntry(store, q.bodyId, assignee, now);
  return next;
}

export function assignmentOf(store: Store, q: { id: string; bodyId: string }) {
  return getAssignment(store, q.bodyId, q.id);
}

// ── Internal notes ──────────────────────────────────────────────────────────────────────────

export async function addNote(
  store: Store,
  q: { id: string; bodyId: string },
  text: string,
  official: Principal,
  now: Date,
  extraOps: (n: InternalNote) => TransactOp[] = () => [],
): Promise<InternalNote> {
  const note: InternalNote = {
    id: ulid(now.getTime()),
    questionId: q.id,
    bodyId: q.bodyId,
    text,
    by: who(official),
    at: now.toISOString(),
  };
  await create([notePutOp(store, note, official.sub), ...extraOps(note)], store);
  return note;
}

export function notesOf(store: Store, q: { id: string; bodyId: string }) {
  return listNotes(store, q.bodyId, q.id);
}
