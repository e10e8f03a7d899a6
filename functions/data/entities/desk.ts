// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * An official's desk for a body's questions (data/inbox.ts), declared as ElectroDB entities: answer
 * templates, assignments, internal notes and the body's roster of officials, all in the body's
 * partition `BODY#<bodyId>` beside the body itself, its notification opt-ins (`OFFICIAL#`), its
 * contacts and its change records. Each sort-key prefix is its own and every read also filters on the
 * kind (`entity`), as everywhere (data/schema.ts "Ownership").
 *
 * Templates and notes are written by hand-built puts keyed by these templates (`recordKey`; they ride
 * in the audit transaction), so only their key attributes are declared; assignments and roster
 * entries are written through their entities, which declare what those records hold. All are read
 * whole as stored.
 * A separate module from data/schema.ts: only the functions that hold the desk load it.
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key, kindOf } from '../schema';
import { named, perStore, text } from './kit';

export const answerTemplateModel = {
  model: named('answer_template'),
  attributes: {
    bodyId: text,
    kind: kindOf('answer_template'),
    id: text,
  },
  indexes: {
    record: { pk: key('pk', ['bodyId'], 'BODY#${bodyId}'), sk: key('sk', ['id'], 'TEMPLATE#${id}') },
  },
} as const;

export const questionAssignmentModel = {
  model: named('question_assignment'),
  attributes: {
    bodyId: text,
    kind: kindOf('question_assignment'),
    questionId: text,
    // Declared whole: the assignment is written through the entity (data/inbox.ts `putAssignment`).
    itemId: text,
    assignee: { type: 'any' },
    by: { type: 'any', required: true },
    at: text,
    history: { type: 'any', required: true },
  },
  indexes: {
    record: {
      pk: key('pk', ['bodyId'], 'BODY#${bodyId}'),
      sk: key('sk', ['questionId'], 'QASSIGN#${questionId}'),
    },
  },
} as const;

export const internalNoteModel = {
  model: named('internal_note'),
  attributes: {
    bodyId: text,
    kind: kindOf('internal_note'),
    questionId: text,
    id: text,
  },
  indexes: {
    record: {
      pk: key('pk', ['bodyId'], 'BODY#${bodyId}'),
      sk: key('sk', ['questionId', 'id'], 'QNOTE#${questionId}#${id}'),
    },
  },
} as const;

/** `ROSTER#`, not `OFFICIAL#`: that prefix is the officials' notification opt-ins (officialOptIn). */
export const rosterEntryModel = {
  model: named('body_official'),
  attributes: {
    bodyId: text,
    kind: kindOf('body_official'),
    sub: text,
    /** The official's shown name (the account id until they set one). */
    name: { type: 'string' },
    since: { type: 'string' },
  },
  indexes: {
    record: { pk: key('pk', ['bodyId'], 'BODY#${bodyId}'), sk: key('sk', ['sub'], 'ROSTER#${sub}') },
  },
} as const;

export const DESK_MODELS = {
  answerTemplate: answerTemplateModel,
  questionAssignment: questionAssignmentModel,
  internalNote: internalNoteModel,
  rosterEntry: rosterEntryModel,
} as const;

export const DESK_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof DESK_MODELS>[] = [
  {
    entity: 'answerTemplate',
    index: 'record',
    pattern: "a body's answer templates; one by id; create / change on its version (audit transaction)",
    code: '`data/inbox.ts` `getTemplate`, `listTemplates`, `templatePutOp`, `deleteTemplate`',
  },
  {
    entity: 'questionAssignment',
    index: 'record',
    pattern: "who at the body answers a question (written on the one read); a page's assignments at once",
    code: '`data/inbox.ts` `getAssignment`, `putAssignment`, `getAssignments`',
  },
  {
    entity: 'internalNote',
    index: 'record',
    pattern: "a question's internal notes at one body, oldest first (created in the audit transaction)",
    code: '`data/inbox.ts` `listNotes`, `notePutOp`',
  },
  {
    entity: 'rosterEntry',
    index: 'record',
    pattern: "the body's roster of officials (kept with the grant of the body)",
    code: '`data/inbox.ts` `listRoster`, `getRosterEntry`, `putRosterEntry`, `rosterEntryOp`, `deleteRosterEntry`',
  },
];

/** The desk's entities over `store`'s table (built once per store). */
export const deskEntitiesOf = perStore((store) => {
  const config = { client: store.doc, table: store.table };
  return {
    answerTemplate: new Entity(answerTemplateModel, config),
    questionAssignment: new Entity(questionAssignmentModel, config),
    internalNote: new Entity(internalNoteModel, config),
    rosterEntry: new Entity(rosterEntryModel, config),
  };
});
