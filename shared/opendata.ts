/**
 * Open data in and out: the documented CSV column set (with the Kazakh and Russian headers a
 * government spreadsheet may use) and the import report every importer returns. Shared because the
 * admin page shows both.
 */

export interface CsvColumn {
  /** Canonical (English) header; exports write this. */
  key: string;
  /** Other accepted headers, compared case-insensitively with spaces and underscores alike. */
  aliases: readonly string[];
  /** Required, or required as a group (`title`: at least one of title_kk/ru/en). */
  required?: true | 'title' | 'body_name' | 'identity';
  doc: string;
}

export const CSV_COLUMNS: readonly CsvColumn[] = [
  {
    key: 'id',
    aliases: ['идентификатор', 'сәйкестендіргіш'],
    required: 'identity',
    doc: 'item id (ULID), as written by our exports',
  },
  {
    key: 'source_id',
    aliases: ['код записи', 'жазба коды'],
    required: 'identity',
    doc: "the record's id in the source system; `id` or `source_id` is required",
  },
  { key: 'title_kk', aliases: ['атауы', 'наименование (каз)'], required: 'title', doc: 'title in Kazakh' },
  {
    key: 'title_ru',
    aliases: ['наименование', 'название', 'атауы (орыс)'],
    required: 'title',
    doc: 'title in Russian',
  },
  {
    key: 'title_en',
    aliases: ['title'],
    required: 'title',
    doc: 'title in English; at least one title is required',
  },
  { key: 'description_kk', aliases: ['сипаттамасы'], doc: 'description in Kazakh' },
  { key: 'description_ru', aliases: ['описание'], doc: 'description in Russian' },
  { key: 'description_en', aliases: ['description'], doc: 'description in English' },
  {
    key: 'category',
    aliases: ['категория', 'санаты'],
    required: true,
    doc: 'category code: roads, education, health, …',
  },
  {
    key: 'area',
    aliases: ['район', 'аудан'],
    doc: 'area code or name (kk/ru/en); nearest district centre when empty',
  },
  {
    key: 'body_id',
    aliases: ['код органа', 'орган коды'],
    required: true,
    doc: 'responsible body id, e.g. "zha-roads"',
  },
  { key: 'body_name_kk', aliases: ['орган атауы'], required: 'body_name', doc: 'body name in Kazakh' },
  {
    key: 'body_name_ru',
    aliases: ['орган', 'наименование органа'],
    required: 'body_name',
    doc: 'body name in Russian',
  },
  {
    key: 'body_name_en',
    aliases: ['body'],
    required: 'body_name',
    doc: 'body name in English; at least one is required',
  },
  {
    key: 'programme_code',
    aliases: ['код программы', 'бағдарлама коды'],
    required: true,
    doc: 'budget programme code, "123-015-000"',
  },
  {
    key: 'fiscal_year',
    aliases: ['год', 'жыл', 'финансовый год', 'қаржы жылы'],
    required: true,
    doc: 'fiscal year, e.g. 2026',
  },
  {
    key: 'planned',
    aliases: ['план', 'жоспар', 'сумма плана'],
    required: true,
    doc: 'planned KZT, "1 234 567,89" or "1234567.89"',
  },
  {
    key: 'contracted',
    aliases: ['законтрактовано', 'сумма договора', 'келісімшарт сомасы'],
    doc: 'contracted KZT (0 when empty)',
  },
  { key: 'spent', aliases: ['освоено', 'израсходовано', 'игерілді'], doc: 'spent KZT (0 when empty)' },
  {
    key: 'currency',
    aliases: ['валюта'],
    doc: 'KZT only; any other currency is reported and the row is not stored',
  },
  {
    key: 'status',
    aliases: ['статус', 'мәртебесі'],
    required: true,
    doc: 'planned, procurement, in_progress, completed, suspended or cancelled',
  },
  { key: 'contractor_name', aliases: ['подрядчик', 'мердігер'], doc: 'contractor name' },
  {
    key: 'contractor_bin',
    aliases: ['бин подрядчика', 'мердігер бсн', 'мердігердің бсн'],
    doc: "contractor's 12-digit BIN",
  },
  {
    key: 'period_start',
    aliases: ['начало', 'дата начала', 'басталуы', 'басталу күні'],
    required: true,
    doc: 'start date, "2026-03-01" or "01.03.2026"',
  },
  {
    key: 'period_end',
    aliases: ['окончание', 'дата окончания', 'аяқталуы', 'аяқталу күні'],
    required: true,
    doc: 'end date',
  },
  {
    key: 'lon',
    aliases: ['longitude', 'долгота', 'бойлық'],
    required: true,
    doc: 'longitude (WGS 84), inside Zhambyl region',
  },
  {
    key: 'lat',
    aliases: ['latitude', 'широта', 'ендік'],
    required: true,
    doc: 'latitude (WGS 84), inside Zhambyl region',
  },
  { key: 'address', aliases: ['адрес', 'мекенжай'], doc: 'address text' },
  {
    key: 'ocid',
    aliases: [],
    doc: 'OCDS contracting process id(s), space-separated; later OCDS imports update this item',
  },
  {
    key: 'provenance',
    aliases: ['происхождение'],
    doc: '"demo" marks demonstration data; anything else is imported data',
  },
  {
    key: 'source_name',
    aliases: ['система-источник', 'дереккөз жүйесі'],
    doc: "source system name (default: the import's source)",
  },
  {
    key: 'updated_at',
    aliases: ['обновлено', 'жаңартылды'],
    doc: 'when the source last changed the record (ISO date-time)',
  },
  {
    key: 'execution_state',
    aliases: ['состояние исполнения', 'орындалу жағдайы'],
    doc: 'execution state on the export day (shared/execution.ts: on_track, lagging, late, paid_ahead, overspent, not_started, completed); derived, so ignored on import',
  },
];

export const IMPORT_FORMATS = ['csv', 'oc4ids', 'ocds-release', 'ocds-record'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type ImportIssue = {
  record: string;
  field: string;
  message: string;
  expected?: string | undefined;
  severity: 'error' | 'warning';
};

export type ImportReport = {
  format: 'csv' | 'oc4ids' | 'ocds-release' | 'ocds-record' | 'unknown';
  dryRun: boolean;
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  issues: ImportIssue[];
  issuesTruncated: number;
};

export const MAX_REPORTED_ISSUES = 2000;
