/**
 * Exports written piece by piece: items come a page at a time from the item list's index queries
 * and leave as text chunks, so an export of 100,000 items never holds more than one page of items
 * and one item's text (issue 22: the whole-file exports ran out of Lambda's 6 MB response and
 * memory). The bytes are the ones `itemsToCsv` / `itemsToGeoJson` / `itemsToOc4ids` write, except
 * that OC4IDS's `publishedDate` comes after `projects` (it is the latest change among the items,
 * known only once every item was read; JSON member order carries no meaning).
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item } from '../../shared/item';
import { MAX_LIMIT } from '../../shared/item-filters';
import { CSV_COLUMNS } from '../../shared/opendata';
import { type StatsFilters, singleValued } from '../../shared/stats-filters';
import type { Store } from '../data/client';
import { indexedMatches, listItems, partitionQuery, planItemQuery } from '../data/list-items';
import { OWN } from '../data/schema';
import { type SearchIndex, type StatsContext, searchItems } from '../feed/search';
import { itemToProject, itemToRow, type PackageMeta } from './export';

export const EXPORT_FORMATS = ['items.csv', 'items.geojson', 'oc4ids.json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an export answers with: its media type and file name. */
export const EXPORT_MEDIA: Record<ExportFormat, { contentType: string; filename: string }> = {
  'items.csv': { contentType: 'text/csv; charset=utf-8', filename: 'items.csv' },
  'items.geojson': { contentType: 'application/geo+json; charset=utf-8', filename: 'items.geojson' },
  'oc4ids.json': { contentType: 'application/json; charset=utf-8', filename: 'oc4ids.json' },
};

/** An export holds at most this many items; narrow the filters for more. */
export const MAX_EXPORT_ITEMS = 100_000;

export interface ExportSource {
  store: Store;
  filters: StatsFilters;
  /** The search index, needed for text `q` and the filters the index queries do not take. */
  search?: () => Promise<SearchIndex>;
  /** Today's date and the overdue items, for those filters. */
  context?: (f: StatsFilters) => Promise<StatsContext>;
}

/** Every item matching the filters, one page (≤ MAX_LIMIT items) at a time, at most MAX_EXPORT_ITEMS. */
export async function* itemPages(src: ExportSource, max = MAX_EXPORT_ITEMS): AsyncGenerator<Item[]> {
  let cursor: string | undefined;
  let left = max;
  do {
    const page = await listItems(src.store, src.filters, {
      limit: MAX_LIMIT,
      cursor,
      ...(src.search ? { search: src.search } : {}),
      ...(src.context ? { context: src.context } : {}),
    });
    const items = page.items.length > left ? page.items.slice(0, left) : page.items;
    left -= items.length;
    if (items.length > 0) yield items;
    cursor = page.next;
  } while (cursor && left > 0);
}

/**
 * How many items match, counting no further than `cap` (the caller only asks "more than N?"). The
 * index queries run with `Select: COUNT`: DynamoDB reads the same keys as the export would but
 * sends no item back, so deciding between a streamed answer and a job costs no memory.
 */
export async function countItems(src: ExportSource, cap: number): Promise<number> {
  const filters = singleValued(src.filters);
  if (!filters) return (await indexedMatches(src.filters, src)).length;
  if (filters.ids) return filters.ids.length;
  if (filters.q) {
    if (!src.search) throw new Error('text search needs the search index');
    return searchItems(await src.search(), filters).length;
  }
  const plan = planItemQuery(filters);
  let count = 0;
  for (const partition of plan.partitions) {
    const params = partitionQuery(src.store, plan, partition).params(OWN as never) as QueryCommandInput;
    // COUNT cannot go with a projection; the projection's names would then be unused (refused).
    const { ProjectionExpression: _projection, ...rest } = params;
    const input: QueryCommandInput = { ...rest, Select: 'COUNT' };
    input.ExpressionAttributeNames = usedNames(input);
    let start: Record<string, unknown> | undefined;
    do {
      const res = await src.store.doc.send(
        new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      count += res.Count ?? 0;
      start = res.LastEvaluatedKey;
    } while (start && count <= cap);
    if (count > cap) break;
  }
  return count;
}

function usedNames(input: QueryCommandInput): Record<string, string> | undefined {
  const names = input.ExpressionAttributeNames;
  if (!names) return undefined;
  const text = `${input.KeyConditionExpression ?? ''} ${input.FilterExpression ?? ''}`;
  const used = Object.entries(names).filter(([k]) =>
    new RegExp(`${k.replace('#', '\\#')}(?![\\w])`).test(text),
  );
  return Object.fromEntries(used);
}

const csvField = (v: string) => (/[",;\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);

/** The CSV of `itemsToCsv`, a page of rows per chunk. */
export async function* csvChunks(pages: AsyncIterable<Item[]>, today?: string): AsyncGenerator<string> {
  const keys = CSV_COLUMNS.map((c) => c.key);
  yield `\ufeff${keys.join(',')}\r\n`;
  for await (const items of pages) {
    let chunk = '';
    for (const item of items) {
      const row = itemToRow(item, today);
      chunk += `${keys.map((k) => csvField(row[k] ?? '')).join(',')}\r\n`;
    }
    yield chunk;
  }
}

/** The FeatureCollection of `itemsToGeoJson`, a page of features per chunk. */
export async function* geoJsonChunks(pages: AsyncIterable<Item[]>, today?: string): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for await (const items of pages) {
    let chunk = '';
    for (const item of items) {
      const feature = {
        type: 'Feature' as const,
        id: item.id,
        geometry: item.location.geometry ?? { type: 'Point' as const, coordinates: item.location.point },
        properties: itemToRow(item, today),
      };
      chunk += (first ? '' : ',') + JSON.stringify(feature);
      first = false;
    }
    yield chunk;
  }
  yield ']}';
}

/** The project package of `itemsToOc4ids`, `publishedDate` last (see the module comment). */
export async function* oc4idsChunks(pages: AsyncIterable<Item[]>, meta: PackageMeta): AsyncGenerator<string> {
  const head = {
    uri: meta.uri,
    version: '0.9',
    publisher: { name: meta.publisher ?? 'Open Budget Map — Zhambyl region' },
  };
  yield `${JSON.stringify(head).slice(0, -1)},"projects":[`;
  let latest = '1970-01-01T00:00:00.000Z';
  let first = true;
  for await (const items of pages) {
    let chunk = '';
    for (const item of items) {
      if (item.provenance.updatedAt > latest) latest = item.provenance.updatedAt;
      chunk += (first ? '' : ',') + JSON.stringify(itemToProject(item));
      first = false;
    }
    yield chunk;
  }
  const publishedDate = new Date(latest).toISOString().replace(/\.\d{3}Z$/, 'Z');
  yield `],"publishedDate":${JSON.stringify(publishedDate)}}`;
}

export interface ExportOptions {
  /** The Almaty day the CSV/GeoJSON `execution_state` is derived for. */
  today: string;
  /** Where the OC4IDS package can be downloaded again. */
  uri: string;
}

/** The text of one export, chunk by chunk. */
export function exportChunks(
  format: ExportFormat,
  pages: AsyncIterable<Item[]>,
  opts: ExportOptions,
): AsyncGenerator<string> {
  if (format === 'items.csv') return csvChunks(pages, opts.today);
  if (format === 'items.geojson') return geoJsonChunks(pages, opts.today);
  return oc4idsChunks(pages, { uri: opts.uri });
}

/**
 * A pull-driven byte stream of the chunks: the next page is read only when the consumer (the HTTP
 * response, gzip) asks for more, so a slow client holds back the reading, not the memory.
 */
export function chunkStream(chunks: AsyncIterator<string>, opts: { gzip?: boolean } = {}) {
  const encoder = new TextEncoder();
  const bytes = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else if (next.value) controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return?.(undefined);
    },
  });
  return opts.gzip
    ? bytes.pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)
    : bytes;
}
