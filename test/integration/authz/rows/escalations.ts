/**
 * Escalating an overdue answer (issue 19): only the asker escalates their question, reads the
 * complaint and records its progress. The sample question does not exist, so the asker's own
 * outcome is the 404 of a missing question; every other caller is refused before that matters.
 */
import { type MatrixRow, PASSES, signedIn } from '../matrix';

const ITEM = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
const Q = '01HXXXXXXXXXXXXXXXXXXXXXXX';
const E = '01HYYYYYYYYYYYYYYYYYYYYYYY';
const base = `/api/items/${ITEM}/questions/${Q}/escalations`;

export const rows: MatrixRow[] = [
  {
    route: 'POST /api/items/{itemId}/questions/{id}/escalations',
    path: base,
    body: { addressee: { kind: 'prosecutor', name: 'Prosecutor (matrix)' }, lang: 'ru' },
    expect: signedIn(PASSES),
  },
  {
    route: 'GET /api/items/{itemId}/questions/{id}/escalations',
    path: base,
    expect: signedIn(PASSES),
  },
  {
    route: 'GET /api/items/{itemId}/questions/{id}/escalations/{escalationId}/complaint',
    path: `${base}/${E}/complaint`,
    expect: signedIn(PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/escalations/{escalationId}/progress',
    path: `${base}/${E}/progress`,
    body: { sentOn: '2026-04-21' },
    expect: signedIn(PASSES),
  },
];
