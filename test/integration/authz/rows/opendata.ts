/** Open data in and out (issue 9): exports are public, imports are for admins. */
import { everyone, type MatrixRow, only, PASSES } from '../matrix';

export const rows: MatrixRow[] = [
  { route: 'GET /api/export/items.csv', expect: everyone(PASSES) },
  { route: 'GET /api/export/items.geojson', expect: everyone(PASSES) },
  { route: 'GET /api/export/oc4ids.json', expect: everyone(PASSES) },
  { route: 'POST /api/import', body: {}, expect: only(['admin'], PASSES) },
];
