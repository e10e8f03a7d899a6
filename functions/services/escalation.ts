/**
 * Escalation: when a body is silent past its term, the person it failed can take the matter to the
 * superior body or the prosecutor's office with a printable complaint (kk or ru) that names the
 * matter, its dates, the legal basis and the audit chain's verification hash, and the hub records
 * when the complaint was sent and when it was answered.
 *
 * One service and one template (./escalation-template.ts) for every kind of overdue matter: an
 * unanswered question now, an overdue club recommendation later. A caller builds an
 * `EscalationSubject` (its kind, its audit record key, its dates, its legal basis and its addressee
 * body) and passes it in; nothing here knows questions from recommendations beyond `kind`.
 *
 * A due date is shown only where an article gives one: each `LegalBasis` line carries a date only
 * when the caller computed it from an article (e.g. the art. 92 complaint term for a question).
 *
 * The record (who asked it is kept, never shown) is the `escalation` entity (data/escalations.ts).
 */
import { Temporal } from 'temporal-polyfill';
import { ulid } from 'ulid';
import { LAW, type LegalRule } from '../../shared/deadlines';
import type { Localized } from '../../shared/i18n-text';
import { readEntry, readPointer } from '../audit/chain';
import type { Store } from '../data/client';
import {
  getEscalationRecord,
  listEscalationRecords,
  putNewEscalation,
  setEscalationDates,
} from '../data/escalations';

export const ESCALATION_LANGS = ['kk', 'ru'] as const;
export type EscalationLang = (typeof ESCALATION_LANGS)[number];

/** Where the complaint goes: the superior body (by name) or the prosecutor's office. */
export interface Addressee {
  kind: 'superior_body' | 'prosecutor';
  /** As printed in the address block, e.g. "Жамбыл облысы әкімдігі" / "Прокуратура Жамбылской области". */
  name: string;
}

/** One line of the legal basis; `date` only when the article itself gives the date. */
export interface LegalBasis {
  rule: LegalRule;
  /** What the article means here, in the complaint's language. */
  text: Localized;
  date?: string;
}

/** The overdue matter, whatever its kind. */
export interface EscalationSubject {
  kind: 'question' | 'recommendation';
  /** Its audit record key (`question/<itemId>/<id>`, `recommendation/<itemId>/<id>`). */
  recordKey: string;
  /** The item it is about (title in kk/ru/en as stored). */
  itemTitle: Localized;
  /** The body that owes the answer or the follow-up. */
  body: { id: string; name: Localized };
  /** What was asked or recommended, verbatim. */
  text: string;
  /** Key dates with their labels, in order (asked, registered, due…); Almaty calendar dates. */
  dates: {
    label: 'asked' | 'registered' | 'due' | 'extended_to' | 'recommended' | 'follow_up_due';
    date: string;
  }[];
  legalBasis: LegalBasis[];
}

/** The audit chain's proof for the record, printed so anyone can check the complaint's facts. */
export interface ChainProof {
  recordKey: string;
  seq: number;
  /** SHA-256 of the record's public fields, as the entry names it. */
  digest: string;
  /** The entry's own hash (the chain's verification hash for this record). */
  entryHash: string;
}

export interface EscalationRecord {
  id: string;
  subjectKind: EscalationSubject['kind'];
  recordKey: string;
  addressee: Addressee;
  lang: EscalationLang;
  createdOn: string;
  createdAt: string;
  proof: ChainProof;
  complainantName: string;
  /** Private: whose complaint this is (only they record sent/answered). */
  ownerSub: string;
  sentOn?: string;
  answeredOn?: string;
}

export class EscalationRuleError extends Error {
  constructor(
    readonly code: 'escalation.not_overdue' | 'escalation.no_proof' | 'escalation.date_order',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The legal basis for a question the body left unanswered past `dueOn`: art. 91(2) (silence is a
 * refusal, from the day after the term) and art. 92 (three months to complain, counted from then;
 * that date is the one printed).
 */
export function questionSilenceBasis(dueOn: string): LegalBasis[] {
  const refusedOn = Temporal.PlainDate.from(dueOn).add({ days: 1 });
  return [
    {
      rule: LAW.silenceIsRefusal,
      text: {
        kk: 'Белгіленген мерзімде шешім қабылданбауы жолданымды қанағаттандырудан бас тарту болып саналады.',
        ru: 'Непринятие решения в установленный срок считается отказом в удовлетворении обращения.',
      },
      date: refusedOn.toString(),
    },
    {
      rule: LAW.complaint,
      text: {
        kk: 'Шағым үш ай ішінде беріледі.',
        ru: 'Жалоба подаётся в течение трёх месяцев.',
      },
      date: refusedOn.add({ months: 3 }).subtract({ days: 1 }).toString(),
    },
  ];
}

/** The record's proof from the audit chain; null when no entry names it (then nothing is escalated). */
export async function chainProof(store: Store, recordKey: string): Promise<ChainProof | null> {
  const pointer = await readPointer(store, recordKey);
  if (!pointer) return null;
  const entry = await readEntry(store, pointer.seq);
  if (!entry) return null;
  return { recordKey, seq: pointer.seq, digest: pointer.digest, entryHash: entry.hash };
}

/**
 * Creates an escalation of an overdue subject. `dueOn` is the term that passed (the caller decides
 * "overdue" from its own rules; this refuses a subject whose term has not passed yet).
 */
export async function createEscalation(
  store: Store,
  input: {
    subject: EscalationSubject;
    dueOn: string;
    today: string;
    addressee: Addressee;
    lang: EscalationLang;
    complainant: { sub: string; name: string };
    now: Date;
  },
): Promise<EscalationRecord> {
  if (!(input.today > input.dueOn))
    throw new EscalationRuleError(
      'escalation.not_overdue',
      `The term runs until ${input.dueOn}; it has not passed.`,
    );
  const proof = await chainProof(store, input.subject.recordKey);
  if (!proof) throw new EscalationRuleError('escalation.no_proof', 'The record is not on the audit chain.');
  const record: EscalationRecord = {
    id: ulid(input.now.getTime()),
    subjectKind: input.subject.kind,
    recordKey: input.subject.recordKey,
    addressee: input.addressee,
    lang: input.lang,
    createdOn: input.today,
    createdAt: input.now.toISOString(),
    proof,
    complainantName: input.complainant.name,
    ownerSub: input.complainant.sub,
  };
  await putNewEscalation(store, { ...record });
  return record;
}

export async function getEscalation(
  store: Store,
  recordKey: string,
  id: string,
): Promise<EscalationRecord | null> {
  return getEscalationRecord<EscalationRecord>(store, { recordKey, id });
}

export async function listEscalations(store: Store, recordKey: string): Promise<EscalationRecord[]> {
  return listEscalationRecords<EscalationRecord>(store, recordKey);
}

/** Records when the complaint was sent and, later, answered (answered never before sent). */
export async function recordEscalationProgress(
  store: Store,
  e: EscalationRecord,
  change: { sentOn?: string; answeredOn?: string },
): Promise<EscalationRecord> {
  const next = { ...e, ...change };
  if (next.answeredOn && (!next.sentOn || next.answeredOn < next.sentOn))
    throw new EscalationRuleError(
      'escalation.date_order',
      'An answer cannot come before the complaint was sent.',
    );
  if (!next.sentOn)
    throw new EscalationRuleError('escalation.date_order', 'Say when the complaint was sent.');
  if (next.sentOn < e.createdOn)
    throw new EscalationRuleError('escalation.date_order', 'A complaint cannot be sent before it was made.');
  await setEscalationDates(store, e, next);
  return next;
}

/** What the complainant sees of an escalation: no account id. */
export function escalationView(e: EscalationRecord): Omit<EscalationRecord, 'ownerSub'> {
  const { ownerSub: _o, ...view } = e;
  return view;
}
