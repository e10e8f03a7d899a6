/** Blurring regions of a photo (issue 20, item 1): moderators and admins only; an unknown photo is 404. */
import { type MatrixRow, only } from '../matrix';

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/moderation/photos/{id}',
    path: '/api/moderation/photos/01HZZZZZZZZZZZZZZZZZZZZZZZ',
    expect: only(['moderator', 'admin'], 404),
  },
  {
    route: 'GET /api/moderation/files/{id}',
    path: '/api/moderation/files/01HZZZZZZZZZZZZZZZZZZZZZZZ',
    expect: only(['moderator', 'admin'], 404),
  },
  {
    route: 'POST /api/moderation/photos/{id}/blur',
    path: '/api/moderation/photos/01HZZZZZZZZZZZZZZZZZZZZZZZ/blur',
    body: { regions: [{ x: 0, y: 0, width: 10, height: 10 }] },
    expect: only(['moderator', 'admin'], 404),
  },
];
