/**
 * The export URL for what the visitor is looking at. The browse URL may hold several values per
 * filter (`area=taraz,merki`); the export API takes one, like `GET /api/items`, so a filter with
 * several values is left out (the export is then wider, never narrower, than the view).
 */
const SINGLE: Record<string, string> = {
  area: 'area',
  cat: 'category',
  status: 'status',
  year: 'year',
  body: 'body',
};

export type ExportFormat = 'items.geojson' | 'items.csv' | 'oc4ids.json';

export function exportUrl(format: ExportFormat, browseSearch: string): string {
  const from = new URLSearchParams(browseSearch);
  const to = new URLSearchParams();
  for (const [param, apiParam] of Object.entries(SINGLE)) {
    const values = (from.get(param) ?? '').split(',').filter(Boolean);
    if (values.length === 1) to.set(apiParam, values[0]!);
  }
  const q = from.get('q')?.trim();
  if (q) to.set('q', q);
  const query = to.toString();
  return `/api/export/${format}${query ? `?${query}` : ''}`;
}
