/** Atom feeds (issue 17): public reads; unknown records are 404 for everyone alike. */
import { BODY, everyone, type MatrixRow } from '../matrix';

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/feeds/items/{id}',
    path: '/api/feeds/items/01HZZZZZZZZZZZZZZZZZZZZZZZ',
    expect: everyone(404),
  },
  { route: 'GET /api/feeds/areas/{area}', path: '/api/feeds/areas/taraz', expect: everyone(200) },
  { route: 'GET /api/feeds/bodies/{id}', path: `/api/feeds/bodies/${BODY}`, expect: everyone(200) },
  {
    route: 'GET /api/feeds/contractors/{bin}',
    path: '/api/feeds/contractors/990140000007',
    expect: everyone(404),
  },
  { route: 'GET /api/feeds/answers', expect: everyone(200) },
];
