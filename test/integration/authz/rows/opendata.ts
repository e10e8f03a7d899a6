/** Open data in and out (issue 9): exports are public, imports are for admins. */
import { everyone, type MatrixRow, only, PASSES } from '../matrix';

export const rows: MatrixRow[] = [
  { route: 'GET /api/export/items.csv', expect: everyone(200) },
  { route: 'GET /api/export/items.geojson', expect: everyone(200) },
  { route: 'GET /api/export/oc4ids.json', expect: everyone(200) },
  // An empty JSON object is no known package: the admin gets the report saying so (200), others never get that far.
  { route: 'POST /api/import', body: {}, expect: only(['admin'], 200) },
  // Large exports are public too: anyone may start one (202) or be sent to its file (303 once written).
  { route: 'POST /api/exports', body: { format: 'items.csv', filters: {} }, expect: everyone(PASSES) },
  { route: 'GET /api/exports/{id}', path: `/api/exports/${'0'.repeat(64)}`, expect: everyone(404) },
];
