/** Budget items and the map: public reads (issues 2 and 3). */
import { everyone, type MatrixRow } from '../matrix';

const NO_ITEM = '01HZZZZZZZZZZZZZZZZZZZZZZZ';

export const rows: MatrixRow[] = [
  { route: 'GET /api/items', expect: everyone(200) },
  { route: 'GET /api/items/{id}', path: `/api/items/${NO_ITEM}`, expect: everyone(404) },
  { route: 'GET /api/map/items', expect: everyone('passes') },
  { route: 'GET /api/map/shapes', expect: everyone('passes') },
  { route: 'GET /api/map/overdue', expect: everyone(200) },
  { route: 'GET /api/stats', expect: everyone('passes') },
];
