/**
 * OCDS release and record packages → the contracted and spent amounts and milestones of the item
 * each contracting process (ocid) is linked to. Releases of one ocid are merged in date order, a
 * later release of a contract replacing the earlier one; transactions are counted once by id.
 */

import { MILESTONE_TYPES, type MilestoneType } from '../../shared/categories';
import type { Lang } from '../../shared/i18n-text';
import type { Amendment, Item, Tender, Transaction } from '../../shared/item';
import { PROCUREMENT_METHODS, type ProcurementMethod } from '../../shared/item';
import { fromTiyn, toTiyn } from '../../shared/money';
import { kztValue, milestoneStatusFromOcds, readLocalized } from './oc4ids';
import { IssueList, type ItemPatch, type ParsedFile, type ParsedRecord } from './records';
import { parseDate } from './values';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function parseOcds(pkg: Json, kind: 'release' | 'record'): ParsedFile {
  const file = new IssueList('(file)');
  const byOcid = new Map<string, Json[]>();
  const list = kind === 'release' ? arr(pkg.releases) : arr(pkg.records);
  list.forEach((raw, i) => {
    const entry = obj(raw);
    const release = kind === 'release' ? entry : obj(entry.compiledRelease);
    const ocid = str(entry.ocid) ?? str(release.ocid);
    if (!ocid) {
      file.error(`${kind}s.${i}.ocid`, `${kind} has no ocid`, 'an OCDS ocid');
      return;
    }
    if (kind === 'record' && !entry.compiledRelease) {
      file.error(
        `records.${i}.compiledRelease`,
        `record ${ocid} has no compiled release`,
        'a compiledRelease',
      );
      return;
    }
    byOcid.set(ocid, [...(byOcid.get(ocid) ?? []), release]);
  });
  const records: ParsedRecord[] = [...byOcid].map(([ocid, releases]) => {
    const ref = `${kind} ${ocid}`;
    const issues = new IssueList(ref);
    const change = releasesToPatch(ocid, releases, issues);
    return { ref, issues: issues.issues, ...(change && !issues.hasErrors ? { change } : {}) };
  });
  // File-level problems of single entries are listed but do not stop the others.
  return { fileIssues: file.issues.map((i) => ({ ...i, severity: 'warning' as const })), records };
}

function releasesToPatch(ocid: string, releases: Json[], list: IssueList): ItemPatch | undefined {
  const ordered = [...releases].sort((a, b) => String(a.date ?? '').localeCompare(String(b.date ?? '')));
  const contracts = new Map<string, Json>();
  const transactions = new Map<string, Transaction>();
  const amendments: Amendment[] = [];
  const tender: Tender = {};
  let previousTotal: bigint | undefined;
  const milestones = new Map<string, Item['milestones'][number]>();
  let lang: Lang = 'en';
  let updatedAt = '';
  for (const r of ordered) {
    if (['kk', 'ru', 'en'].includes(String(r.language))) lang = r.language as Lang;
    const date = str(r.date);
    if (date && !Number.isNaN(new Date(date).getTime())) updatedAt = new Date(date).toISOString();
    for (const [i, c] of arr(r.contracts).map(obj).entries()) {
      const id = str(c.id) ?? String(i);
      contracts.set(id, { ...contracts.get(id), ...c });
    }
    readTender(r, tender);
    // A later release that changes the contract value is an amendment: kept with before and after,
    // not overwritten, so a rise after award stays visible.
    const total = contractTotal(contracts);
    if (total !== undefined) {
      if (previousTotal !== undefined && previousTotal > 0n && total !== previousTotal) {
        const rationale = lastAmendmentRationale(r);
        amendments.push({
          id: (str(r.id) ?? `${ocid}#${amendments.length + 1}`).slice(0, 128),
          date: (date ?? updatedAt).slice(0, 10),
          valueBefore: fromTiyn(previousTotal),
          valueAfter: fromTiyn(total),
          ...(rationale ? { rationale } : {}),
          source: `ocds:${ocid}`.slice(0, 300),
        });
      }
      previousTotal = total;
    }
  }
  if (!contracts.size) {
    list.warning(
      'contracts',
      'no contracts: nothing to update',
      'contracts with value, implementation.transactions or milestones',
    );
  }
  let contracted = 0n;
  let hasValue = false;
  for (const [id, c] of contracts) {
    if (c.status === 'cancelled') continue;
    if (c.value) {
      const v = kztValue(c.value, `contracts.${id}.value`, list);
      if (v) contracted += toTiyn(v);
      hasValue = true;
    }
    const impl = obj(c.implementation);
    for (const [j, t] of arr(impl.transactions).map(obj).entries()) {
      const v = kztValue(t.value, `contracts.${id}.implementation.transactions.${j}.value`, list);
      const tid = (str(t.id) ?? `${id}#${j}`).slice(0, 128);
      const date = parseDate(str(t.date)?.slice(0, 10) ?? '');
      if (v) {
        transactions.set(tid, {
          id: tid,
          date: date.ok ? date.value : updatedAt.slice(0, 10),
          amount: v,
          source: `ocds:${ocid}`.slice(0, 300),
        });
      }
    }
    for (const [j, m] of [...arr(c.milestones), ...arr(impl.milestones)].map(obj).entries()) {
      const due = parseDate(str(m.dueDate) ?? '');
      const title = readLocalized(m, 'title', lang);
      if (!due.ok || !title || !str(m.id)) {
        list.warning(
          `contracts.${id}.milestones.${j}`,
          'milestone left out: it needs an id, a title and a due date',
          'id, title, dueDate',
        );
        continue;
      }
      const met = str(m.dateMet) ? parseDate(str(m.dateMet)!) : undefined;
      const mid = `${id}/${str(m.id)}`.slice(-64);
      milestones.set(mid, {
        id: mid,
        title,
        due: due.value,
        ...(met?.ok ? { met: met.value } : {}),
        status: milestoneStatusFromOcds(m.status, m.code),
        ...(MILESTONE_TYPES.includes(m.type as MilestoneType) ? { type: m.type as MilestoneType } : {}),
      });
    }
  }
  if (list.hasErrors) return undefined;
  return {
    kind: 'patch',
    ocid,
    updatedAt,
    apply(item) {
      if (!contracts.size) return item;
      const merged = new Map(item.milestones.map((m) => [m.id, m]));
      for (const [id, m] of milestones) merged.set(id, m);
      // Transactions are kept one by one (by id, so a re-import counts each once); spent is their sum.
      const payments = new Map((item.transactions ?? []).map((t) => [t.id, t]));
      for (const [id, t] of transactions) payments.set(id, t);
      const spent = [...payments.values()].reduce((sum, t) => sum + toTiyn(t.amount), 0n);
      const changes = new Map((item.amendments ?? []).map((a) => [a.id, a]));
      for (const a of amendments) changes.set(a.id, a);
      const tenderKnown = Object.keys(tender).length > 0;
      return {
        ...item,
        amounts: {
          ...item.amounts,
          ...(hasValue ? { contracted: fromTiyn(contracted) } : {}),
          ...(payments.size ? { spent: fromTiyn(spent) } : {}),
        },
        ...(payments.size ? { transactions: [...payments.values()].slice(-1000) } : {}),
        ...(changes.size ? { amendments: [...changes.values()].slice(-200) } : {}),
        ...(tenderKnown ? { tender: { ...item.tender, ...tender } } : {}),
        milestones: [...merged.values()].slice(0, 50),
        provenance: { ...item.provenance, updatedAt: updatedAt || item.provenance.updatedAt },
      };
    },
  };
}

/** Sum of the values of the contracts not cancelled, or undefined when none has a value yet. */
function contractTotal(contracts: Map<string, Json>): bigint | undefined {
  let total = 0n;
  let any = false;
  for (const c of contracts.values()) {
    if (c.status === 'cancelled') continue;
    const v = obj(c.value);
    const amount =
      typeof v.amount === 'number' || typeof v.amount === 'string' ? String(v.amount) : undefined;
    if (!amount || (v.currency !== undefined && v.currency !== 'KZT') || !/^\d+(\.\d{1,2})?$/.test(amount))
      continue;
    total += toTiyn(amount);
    any = true;
  }
  return any ? total : undefined;
}

function lastAmendmentRationale(release: Json): string | undefined {
  for (const c of arr(release.contracts).map(obj)) {
    const last = arr(c.amendments).map(obj).at(-1);
    const why = str(last?.rationale) ?? str(last?.description);
    if (why) return why.slice(0, 2000);
  }
  return undefined;
}

/** OCDS tender method, tenderers and award date: what the single-bid and new-company flags read. */
function readTender(release: Json, into: Tender): void {
  const t = obj(release.tender);
  if (PROCUREMENT_METHODS.includes(t.procurementMethod as ProcurementMethod)) {
    into.procurementMethod = t.procurementMethod as ProcurementMethod;
  }
  const details = str(t.procurementMethodDetails);
  if (details) into.tradeMethod = details.slice(0, 300);
  if (
    typeof t.numberOfTenderers === 'number' &&
    Number.isInteger(t.numberOfTenderers) &&
    t.numberOfTenderers >= 0
  ) {
    into.numberOfTenderers = Math.min(t.numberOfTenderers, 10_000);
  }
  for (const source of [...arr(release.awards), ...arr(release.contracts)].map(obj)) {
    const d = parseDate((str(source.date) ?? str(source.dateSigned) ?? '').slice(0, 10));
    if (d.ok && (!into.awardDate || d.value < into.awardDate)) into.awardDate = d.value;
  }
}
