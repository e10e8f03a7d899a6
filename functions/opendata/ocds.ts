/**
 * OCDS release and record packages → the contracted and spent amounts and milestones of the item
 * each contracting process (ocid) is linked to. Releases of one ocid are merged in date order, a
 * later release of a contract replacing the earlier one; transactions are counted once by id.
 */
import type { Lang } from '../../shared/i18n-text';
import type { Item } from '../../shared/item';
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
  const transactions = new Map<string, string>();
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
      if (v) transactions.set(str(t.id) ?? `${id}#${j}`, v);
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
      });
    }
  }
  if (list.hasErrors) return undefined;
  const spent = [...transactions.values()].reduce((sum, v) => sum + toTiyn(v), 0n);
  return {
    kind: 'patch',
    ocid,
    updatedAt,
    apply(item) {
      if (!contracts.size) return item;
      const merged = new Map(item.milestones.map((m) => [m.id, m]));
      for (const [id, m] of milestones) merged.set(id, m);
      return {
        ...item,
        amounts: {
          ...item.amounts,
          ...(hasValue ? { contracted: fromTiyn(contracted) } : {}),
          ...(transactions.size ? { spent: fromTiyn(spent) } : {}),
        },
        milestones: [...merged.values()].slice(0, 50),
        provenance: { ...item.provenance, updatedAt: updatedAt || item.provenance.updatedAt },
      };
    },
  };
}
