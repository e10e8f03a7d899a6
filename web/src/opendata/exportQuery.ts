/**
 * The export URL for what the visitor is looking at: every filter of the browse URL, under the
 * API's names. The exports take the filters of the map and the stats (shared/stats-filters.ts), so
 * the file holds exactly the items shown (it used to drop lists, amounts, states and overdue).
 */
import { API_PARAM_NAMES, filterParams, parseState } from '../browse/urlState';

export type ExportFormat = 'items.geojson' | 'items.csv' | 'oc4ids.json';

export function exportUrl(format: ExportFormat, browseSearch: string): string {
  const { filters } = parseState(new URL(`/list${browseSearch}`, 'http://hub.invalid'));
  const query = filterParams(filters, API_PARAM_NAMES).toString().replaceAll('%2C', ',');
  return `/api/export/${format}${query ? `?${query}` : ''}`;
}
