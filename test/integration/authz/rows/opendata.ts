/** Open data in and out (issue 9): exports are public, imports are for admins. */
import { everyone, type MatrixRow, only } from '../matrix';

export const rows: MatrixRow[] = [
  { route: 'GET /api/export/items.csv', expect: everyone(200) },
  { route: 'GET /api/export/items.geojson', expect: everyone(200) },
  { route: 'GET /api/export/oc4ids.json', expect: everyone(200) },
  // An empty JSON object is no known package: the admin gets the report saying so (200), others never get that far.
  { route: 'POST /api/import', body: {}, expect: only(['admin'], 200) },
];
