/** Budget items, contractors and the map: public reads (issues 2, 3 and 18). */
import { everyone, type MatrixRow } from '../matrix';

const NO_ITEM = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
/** A well-formed BIN (its control digit checks) that no contract on the map names. */
const NO_CONTRACTOR = '990140000007';

export const rows: MatrixRow[] = [
  { route: 'GET /api/items', expect: everyone(200) },
  { route: 'GET /api/items/{id}', path: `/api/items/${NO_ITEM}`, expect: everyone(404) },
  { route: 'GET /api/map/items', expect: everyone('passes') },
  { route: 'GET /api/map/shapes', expect: everyone('passes') },
  { route: 'GET /api/map/overdue', expect: everyone(200) },
  { route: 'GET /api/stats', expect: everyone('passes') },
  // Contractor profiles are public like the items they are read from.
  { route: 'GET /api/contractors/{bin}', path: `/api/contractors/${NO_CONTRACTOR}`, expect: everyone(404) },
  // The flags overview is public like the flags on the items.
  { route: 'GET /api/flags', expect: everyone(200) },
];
