/**
 * Budget CSV → items. Headers may be Kazakh, Russian or English (shared/opendata.ts CSV_COLUMNS),
 * the separator `;` (Excel in KZ/RU locales) or `,`, numbers "1 234 567,89". Every row is checked
 * field by field so the report can say which column is wrong, why, and what was expected.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { AREA_CODES } from '../../shared/areas';
import { checkIdentificationNumber } from '../../shared/bin';
import { CATEGORIES, type Category, ITEM_STATUSES, type ItemStatus } from '../../shared/categories';
import type { Localized } from '../../shared/i18n-text';
import { CSV_COLUMNS } from '../../shared/opendata';
import { Item, Ulid } from '../api/schemas/item';
import { stableItemId } from './ids';
import { provenanceSource } from './oc4ids';
import {
  IssueList,
  type ItemCandidate,
  type ParsedFile,
  type ParsedRecord,
  reportZodIssues,
} from './records';
import { areaFromName, checkPoint, nearestArea, parseAmount, parseDate, parseDecimal } from './values';

const BIN_EXPECTED = 'a 12-digit BIN or IIN with a valid control digit';

const normalizeHeader = (h: string) =>
  h
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');

const headerToKey = new Map<string, string>();
for (const c of CSV_COLUMNS) {
  for (const h of [c.key, ...c.aliases]) headerToKey.set(normalizeHeader(h), c.key);
}

/** `;` when the header line has more semicolons than commas (Excel's choice where "," is the decimal mark). */
export function detectSeparator(text: string): ';' | ',' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

export interface CsvOptions {
  /** Source system name for ids and provenance when the file has no `source_name` column. */
  sourceName: string;
  now: Date;
}

type Row = Partial<Record<string, string>>;

export function parseCsv(text: string, opts: CsvOptions): ParsedFile {
  const file = new IssueList('(file)');
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      delimiter: detectSeparator(text),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line =
      err instanceof CsvError ? ` near line ${(err as CsvError & { lines?: number }).lines ?? '?'}` : '';
    file.error('(file)', `the CSV cannot be read${line}: ${(err as Error).message}`, 'well-formed CSV');
    return { fileIssues: file.issues, records: [] };
  }
  const [header, ...body] = rows;
  if (!header) {
    file.error('(file)', 'the file is empty', 'a header row and data rows');
    return { fileIssues: file.issues, records: [] };
  }
  const keys = header.record.map((h) => headerToKey.get(normalizeHeader(h)));
  header.record.forEach((h, i) => {
    if (!keys[i] && h.trim()) file.warning(h, 'unknown column, ignored', 'one of the documented columns');
  });
  checkRequiredColumns(new Set(keys.filter((k): k is string => Boolean(k))), file);
  if (file.hasErrors) return { fileIssues: file.issues, records: [] };

  const records = body.map(({ record, info }) => {
    const ref = `row ${info.lines}`;
    const list = new IssueList(ref);
    if (record.length !== header.record.length) {
      list.error(
        '(row)',
        `has ${record.length} fields, the header has ${header.record.length}`,
        'one field per column',
      );
      return { ref, issues: list.issues } satisfies ParsedRecord;
    }
    const row: Row = {};
    keys.forEach((k, i) => {
      const v = record[i]?.trim();
      if (k && v) row[k] = v;
    });
    const candidate = rowToCandidate(row, list, opts);
    return { ref, issues: list.issues, ...(candidate && !list.hasErrors ? { change: candidate } : {}) };
  });
  return { fileIssues: file.issues, records };
}

function checkRequiredColumns(present: Set<string>, file: IssueList): void {
  const groups = new Map<string, string[]>();
  for (const c of CSV_COLUMNS) {
    if (c.required === true && !present.has(c.key)) {
      file.error(
        c.key,
        'required column is missing',
        `a column "${c.key}" (or ${c.aliases.map((a) => `"${a}"`).join(', ')})`,
      );
    } else if (typeof c.required === 'string') {
      groups.set(c.required, [...(groups.get(c.required) ?? []), c.key]);
    }
  }
  for (const [, members] of groups) {
    if (!members.some((m) => present.has(m))) {
      file.error(members.join('|'), 'required column is missing', `at least one of ${members.join(', ')}`);
    }
  }
}

function localized(row: Row, prefix: string): Localized | undefined {
  const text: Localized = {};
  for (const lang of ['kk', 'ru', 'en'] as const) {
    const v = row[`${prefix}_${lang}`];
    if (v) text[lang] = v;
  }
  return Object.keys(text).length ? text : undefined;
}

const KZT_NAMES = new Set(['kzt', 'тенге', 'теңге', '₸', 'тг']);

function rowToCandidate(row: Row, list: IssueList, opts: CsvOptions): ItemCandidate | undefined {
  const title = localized(row, 'title');
  if (!title) list.error('title_kk|title_ru|title_en', 'no title', 'a title in at least one language');
  const bodyName = localized(row, 'body_name');
  if (!bodyName)
    list.error(
      'body_name_kk|body_name_ru|body_name_en',
      'no body name',
      'the body name in at least one language',
    );

  const category = row.category;
  if (!category || !(CATEGORIES as readonly string[]).includes(category)) {
    list.error(
      'category',
      category ? `"${category}" is not a category` : 'is empty',
      `one of ${CATEGORIES.join(', ')}`,
    );
  }
  const status = row.status;
  if (!status || !(ITEM_STATUSES as readonly string[]).includes(status)) {
    list.error(
      'status',
      status ? `"${status}" is not a status` : 'is empty',
      `one of ${ITEM_STATUSES.join(', ')}`,
    );
  }

  const currency = row.currency;
  if (currency && !KZT_NAMES.has(currency.toLowerCase())) {
    list.error('currency', `amounts in ${currency} are not stored; the hub keeps KZT only`, 'KZT');
  }
  const amount = (key: 'planned' | 'contracted' | 'spent', required: boolean): string | undefined => {
    const raw = row[key];
    if (!raw) {
      if (required) list.error(key, 'is empty', 'a KZT amount');
      return required ? undefined : '0.00';
    }
    const p = parseAmount(raw);
    if (!p.ok) list.error(key, p.message, p.expected);
    return p.ok ? p.value : undefined;
  };
  const planned = amount('planned', true);
  const contracted = amount('contracted', false);
  const spent = amount('spent', false);

  const year = Number(row.fiscal_year);
  if (!row.fiscal_year || !Number.isInteger(year) || year < 2000 || year > 2100) {
    list.error('fiscal_year', `"${row.fiscal_year ?? ''}" is not a year`, 'a year between 2000 and 2100');
  }
  const date = (key: 'period_start' | 'period_end') => {
    const p = parseDate(row[key] ?? '');
    if (!p.ok) list.error(key, p.message, p.expected);
    return p.ok ? p.value : undefined;
  };
  const start = date('period_start');
  const end = date('period_end');
  if (start && end && start > end)
    list.error('period_end', `${end} is before the start ${start}`, 'an end on or after the start');

  const lon = parseDecimal(row.lon ?? '');
  const lat = parseDecimal(row.lat ?? '');
  let point: [number, number] | undefined;
  if (lon === null) list.error('lon', `"${row.lon ?? ''}" is not a number`, 'a longitude like 71.37');
  if (lat === null) list.error('lat', `"${row.lat ?? ''}" is not a number`, 'a latitude like 42.9');
  if (lon !== null && lat !== null) {
    const p = checkPoint(lon, lat);
    if (p.ok) point = p.value;
    else list.error('lon|lat', p.message, p.expected);
  }

  let area = row.area ? areaFromName(row.area) : point ? nearestArea(...point) : undefined;
  if (row.area && !area) {
    list.error(
      'area',
      `"${row.area}" is not an area of Zhambyl region`,
      `one of ${AREA_CODES.join(', ')} or its name`,
    );
    area = undefined;
  }

  let contractor: Item['contractor'];
  if (row.contractor_name || row.contractor_bin) {
    if (!row.contractor_name)
      list.error('contractor_name', 'is empty while a BIN is given', 'the contractor name');
    const check = checkIdentificationNumber(row.contractor_bin ?? '');
    if (!check.ok) {
      // Reported and refused: a number that fails its control digit is never stored.
      list.error(
        'contractor_bin',
        `"${row.contractor_bin ?? ''}" is not a valid BIN or IIN (${check.code})`,
        BIN_EXPECTED,
      );
    }
    contractor = { name: row.contractor_name ?? '', bin: row.contractor_bin ?? '' };
  }

  // A row with our own id (an export of this hub) keeps exactly the source it names, even none.
  const sourceName = row.source_name ?? (row.id ? undefined : opts.sourceName);
  let id = row.id;
  if (id && !Ulid.safeParse(id).success)
    list.error('id', `"${id}" is not an item id`, 'a ULID as written by our exports');
  if (!id && !row.source_id)
    list.error('id|source_id', 'the row has neither an id nor a source id', 'id or source_id');
  id ??= row.source_id ? stableItemId(sourceName ?? opts.sourceName, row.source_id) : undefined;

  let updatedAt: string | undefined;
  if (row.updated_at) {
    const t = new Date(row.updated_at);
    if (Number.isNaN(t.getTime()))
      list.error('updated_at', `"${row.updated_at}" is not a date-time`, 'an ISO date-time');
    else updatedAt = t.toISOString();
  }
  if (list.hasErrors) return undefined;

  const item = {
    id,
    title,
    ...(localized(row, 'description') ? { description: localized(row, 'description') } : {}),
    category: category as Category,
    area,
    body: { id: row.body_id, name: bodyName },
    programmeCode: row.programme_code,
    fiscalYear: year,
    amounts: { planned, contracted, spent },
    status: status as ItemStatus,
    ...(contractor ? { contractor } : {}),
    period: { start, end },
    location: { point, ...(row.address ? { address: row.address } : {}) },
    milestones: [],
    provenance: {
      source: provenanceSource(row.provenance),
      ...(sourceName ? { sourceName } : {}),
      ...(row.source_id ? { sourceId: row.source_id } : {}),
      updatedAt: updatedAt ?? opts.now.toISOString(),
    },
  };
  const checked = Item.safeParse(item);
  if (!checked.success) {
    reportZodIssues(list, checked.error.issues, itemFieldToColumn);
    return undefined;
  }
  return {
    kind: 'item',
    item: checked.data,
    ocids: row.ocid ? row.ocid.split(/\s+/) : [],
    updatedAtGiven: updatedAt !== undefined,
  };
}

const FIELD_TO_COLUMN: Record<string, string> = {
  programmeCode: 'programme_code',
  'body.id': 'body_id',
  'contractor.bin': 'contractor_bin',
  'contractor.name': 'contractor_name',
  'location.address': 'address',
  'provenance.sourceName': 'source_name',
  'provenance.sourceId': 'source_id',
};

/** Names a failing item field by the CSV column it came from. */
function itemFieldToColumn(path: string): string {
  if (FIELD_TO_COLUMN[path]) return FIELD_TO_COLUMN[path];
  const m = /^(title|description|body\.name)\.(kk|ru|en)$/.exec(path);
  if (m) return `${m[1] === 'body.name' ? 'body_name' : m[1]}_${m[2]}`;
  return path;
}
