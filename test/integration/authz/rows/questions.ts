/**
 * Questions to government bodies (issue 6). The inbox is body-scoped with no data needed: only an
 * official of that body gets in. Work on a question (answer, extend, redirect, review) and the
 * asker's actions (accept, dispute, rate) need a real question; with the sample id the handler
 * answers for anyone signed in (PASSES) and the resource checks are proven in the questions tests.
 */
import { BODY, everyone, type MatrixRow, only, PASSES, signedIn } from '../matrix';

const ITEM = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
const Q = '01HXXXXXXXXXXXXXXXXXXXXXXX';
const question = (tail = '') => `/api/items/${ITEM}/questions/${Q}${tail}`;

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/items/{itemId}/questions',
    path: `/api/items/${ITEM}/questions`,
    expect: everyone(PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/questions',
    path: `/api/items/${ITEM}/questions`,
    body: {},
    expect: signedIn(PASSES),
  },
  { route: 'GET /api/items/{itemId}/questions/{id}', path: question(), expect: everyone(PASSES) },
  { route: 'GET /api/questions/mine', expect: signedIn(200) },
  {
    route: 'GET /api/bodies/{bodyId}/questions',
    path: `/api/bodies/${BODY}/questions`,
    expect: only(['official'], 200),
  },
  {
    route: 'PUT /api/items/{itemId}/questions/{id}/answer',
    path: question('/answer'),
    body: {},
    expect: signedIn(PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/answer',
    path: question('/answer'),
    body: {},
    expect: signedIn(PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/extend',
    path: question('/extend'),
    body: {},
    expect: signedIn(PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/redirect',
    path: question('/redirect'),
    body: {},
    expect: signedIn(PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/review',
    path: question('/review'),
    body: {},
    expect: signedIn(PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/accept',
    path: question('/accept'),
    body: {},
    expect: signedIn(PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/dispute',
    path: question('/dispute'),
    body: {},
    expect: signedIn(PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/rate',
    path: question('/rate'),
    body: {},
    expect: signedIn(PASSES),
  },
  { route: 'GET /api/responsiveness', expect: everyone(PASSES) },
  { route: 'GET /api/audit/verify', expect: everyone(PASSES) },
];
