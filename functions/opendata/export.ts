/**
 * Items out in open formats: GeoJSON, CSV (the same documented columns the importer reads, so an
 * export imports back to the same items) and an OC4IDS project package.
 */
import { areaByCode } from '../../shared/areas';
import type { Lang, Localized } from '../../shared/i18n-text';
import { contractorView, type Item } from '../../shared/item';
import { CSV_COLUMNS } from '../../shared/opendata';
import { toItemView } from '../data/items';
import { CATEGORY_SECTORS, MILESTONE_TO_OCDS, PROJECT_ID_PREFIX, SCHEME, STATUS_TO_OC4IDS } from './oc4ids';

type Row = Record<string, string>;

/** One item as a flat record keyed by the CSV column names (also the GeoJSON properties). */
export function itemToRow(item: Item, today?: string): Row {
  const row: Row = {
    id: item.id,
    source_id: item.provenance.sourceId ?? '',
    category: item.category,
    area: item.area,
    body_id: item.body.id,
    programme_code: item.programmeCode,
    fiscal_year: String(item.fiscalYear),
    planned: item.amounts.planned,
    contracted: item.amounts.contracted,
    spent: item.amounts.spent,
    currency: 'KZT',
    status: item.status,
    contractor_name: item.contractor?.name ?? '',
    // A sole trader's IIN encodes a birth date: exported without its number.
    contractor_bin: item.contractor ? (contractorView(item.contractor).bin ?? '') : '',
    period_start: item.period.start,
    period_end: item.period.end,
    lon: String(item.location.point[0]),
    lat: String(item.location.point[1]),
    address: item.location.address ?? '',
    ocid: '',
    provenance: item.provenance.source,
    source_name: item.provenance.sourceName ?? '',
    updated_at: item.provenance.updatedAt,
    // Derived for the export day (late and paid_ahead included), the state the map shows; blank without a day.
    execution_state: today ? toItemView(item, today).execution.state : '',
  };
  for (const lang of ['kk', 'ru', 'en'] as const) {
    row[`title_${lang}`] = item.title[lang] ?? '';
    row[`description_${lang}`] = item.description?.[lang] ?? '';
    row[`body_name_${lang}`] = item.body.name[lang] ?? '';
  }
  return row;
}

const csvField = (v: string) => (/[",;\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);

/** RFC 4180 CSV with a BOM (so spreadsheet programs read it as UTF-8), documented column order. */
export function itemsToCsv(items: Iterable<Item>, today?: string): string {
  const keys = CSV_COLUMNS.map((c) => c.key);
  const lines = [keys.join(',')];
  for (const item of items) {
    const row = itemToRow(item, today);
    lines.push(keys.map((k) => csvField(row[k] ?? '')).join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function itemsToGeoJson(items: Iterable<Item>, today?: string) {
  return {
    type: 'FeatureCollection' as const,
    features: [...items].map((item) => ({
      type: 'Feature' as const,
      id: item.id,
      geometry: item.location.geometry ?? { type: 'Point' as const, coordinates: item.location.point },
      properties: itemToRow(item, today),
    })),
  };
}

const primaryLang = (t: Localized): Lang => (t.kk ? 'kk' : t.ru ? 'ru' : 'en');

/** `field` in the project language plus `field_kk/_ru/_en` variants (the OCDS translation pattern). */
function localizedFields(field: string, text: Localized | undefined, lang: Lang): Record<string, string> {
  if (!text) return {};
  const out: Record<string, string> = {};
  if (text[lang]) out[field] = text[lang]!;
  for (const l of ['kk', 'ru', 'en'] as const) if (text[l]) out[`${field}_${l}`] = text[l]!;
  return out;
}

const dateTime = (d: string) => `${d}T00:00:00Z`;
const value = (amount: string) => ({ amount: Number(amount), currency: 'KZT' });

export function itemToProject(item: Item) {
  const lang = primaryLang(item.title);
  const body = { id: item.body.id, ...localizedFields('name', item.body.name, lang) };
  const shown = item.contractor ? contractorView(item.contractor) : undefined;
  const supplier = shown
    ? shown.bin
      ? {
          id: `${SCHEME.bin}-${shown.bin}`,
          name: shown.name,
          identifier: { scheme: SCHEME.bin, id: shown.bin, legalName: shown.name },
          roles: ['supplier'],
        }
      : // A sole trader (IIN): named, never identified by the number.
        { id: `${item.id}-supplier`, name: shown.name, roles: ['supplier'] }
    : undefined;
  const contracted = Number(item.amounts.contracted) > 0;
  const spent = Number(item.amounts.spent) > 0;
  const { sourceName, sourceId } = item.provenance;
  return {
    id: `${PROJECT_ID_PREFIX}${item.id}`,
    updated: item.provenance.updatedAt,
    language: lang,
    ...(sourceName || sourceId
      ? {
          identifiers: [
            ...(sourceName ? [{ scheme: 'OBM-SOURCE', id: sourceName }] : []),
            ...(sourceId ? [{ scheme: 'OBM-SOURCE-ID', id: sourceId }] : []),
          ],
        }
      : {}),
    ...localizedFields('title', item.title, lang),
    ...localizedFields('description', item.description, lang),
    status: STATUS_TO_OC4IDS[item.status],
    sector: CATEGORY_SECTORS[item.category],
    additionalClassifications: [
      { scheme: SCHEME.programme, id: item.programmeCode },
      { scheme: SCHEME.category, id: item.category },
      { scheme: SCHEME.area, id: item.area, description: areaByCode(item.area).name.en },
      { scheme: SCHEME.status, id: item.status },
      { scheme: SCHEME.provenance, id: item.provenance.source },
    ],
    period: { startDate: dateTime(item.period.start), endDate: dateTime(item.period.end) },
    locations: [
      {
        id: '1',
        geometry: { type: 'Point', coordinates: item.location.point },
        ...(item.location.address
          ? { address: { streetAddress: item.location.address, countryName: 'Kazakhstan' } }
          : {}),
      },
      ...(item.location.geometry ? [{ id: '2', geometry: item.location.geometry }] : []),
    ],
    budget: {
      amount: value(item.amounts.planned),
      budgetBreakdowns: [
        {
          id: 'fiscal-year',
          budgetBreakdown: [
            {
              id: String(item.fiscalYear),
              amount: value(item.amounts.planned),
              period: {
                startDate: `${item.fiscalYear}-01-01T00:00:00Z`,
                endDate: `${item.fiscalYear}-12-31T00:00:00Z`,
              },
            },
          ],
        },
      ],
    },
    parties: [{ ...body, roles: ['publicAuthority', 'buyer'] }, ...(supplier ? [supplier] : [])],
    publicAuthority: body,
    ...(contracted || spent
      ? {
          contractingProcesses: [
            {
              id: `${PROJECT_ID_PREFIX}${item.id}-contract`,
              summary: {
                ...(contracted ? { contractValue: value(item.amounts.contracted) } : {}),
                ...(supplier ? { suppliers: [{ id: supplier.id, name: supplier.name }] } : {}),
                ...(spent
                  ? {
                      transactions: [
                        {
                          id: 'spent-to-date',
                          value: value(item.amounts.spent),
                          payer: body,
                          ...(supplier ? { payee: { id: supplier.id, name: supplier.name } } : {}),
                        },
                      ],
                    }
                  : {}),
              },
            },
          ],
        }
      : {}),
    ...(item.milestones.length
      ? {
          milestones: item.milestones.map((m) => ({
            id: m.id,
            ...localizedFields('title', m.title, lang),
            dueDate: dateTime(m.due),
            ...(m.met ? { dateMet: dateTime(m.met) } : {}),
            status: MILESTONE_TO_OCDS[m.status],
            ...(m.status === 'cancelled' ? { code: 'cancelled' } : {}),
          })),
        }
      : {}),
  };
}

export interface PackageMeta {
  /** Where this package can be downloaded again. */
  uri: string;
  publisher?: string;
}

/**
 * An OC4IDS project package. `publishedDate` is the latest change among the items (the standard's
 * advice for packages generated on demand), so exporting the same data twice gives the same bytes.
 */
export function itemsToOc4ids(items: Item[], meta: PackageMeta) {
  const latest =
    items
      .map((i) => i.provenance.updatedAt)
      .sort()
      .at(-1) ?? '1970-01-01T00:00:00.000Z';
  return {
    uri: meta.uri,
    publishedDate: new Date(latest).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    version: '0.9',
    publisher: { name: meta.publisher ?? 'Open Budget Map — Zhambyl region' },
    projects: items.map(itemToProject),
  };
}
