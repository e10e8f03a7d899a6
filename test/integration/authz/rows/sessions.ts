/** Club sessions (issue 7): members edit drafts, the secretary publishes, officials follow up. */
import { BODY, everyone, type MatrixRow, only, PASSES } from '../matrix';

const S = '01HWWWWWWWWWWWWWWWWWWWWWWW';
const E = '01HVVVVVVVVVVVVVVVVVVVVVVV';
const ITEM = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
const editors = ['club_member', 'club_secretary'] as const;
const secretary = ['club_secretary'] as const;

export const rows: MatrixRow[] = [
  { route: 'GET /api/sessions', expect: everyone(PASSES) },
  { route: 'GET /api/sessions.ics', expect: everyone(PASSES) },
  { route: 'GET /api/club/stats', expect: everyone(PASSES) },
  { route: 'GET /api/club/sessions', expect: only(editors, PASSES) },
  { route: 'GET /api/sessions/{id}', path: `/api/sessions/${S}`, expect: everyone(PASSES) },
  {
    route: 'GET /api/sessions/{id}/agenda/versions',
    path: `/api/sessions/${S}/agenda/versions`,
    expect: everyone(PASSES),
  },
  {
    route: 'GET /api/items/{id}/recommendations',
    path: `/api/items/${ITEM}/recommendations`,
    expect: everyone(PASSES),
  },
  {
    route: 'GET /api/items/{id}/sessions',
    path: `/api/items/${ITEM}/sessions`,
    expect: everyone(PASSES),
  },
  { route: 'GET /api/club/next-session', expect: only(editors, PASSES) },
  { route: 'GET /api/club/agenda-candidates', expect: only(editors, PASSES) },
  // Invitations: only the secretary invites and records attendance; only the invited body's officials answer.
  {
    route: 'GET /api/sessions/{id}/invitations',
    path: `/api/sessions/${S}/invitations`,
    expect: everyone(PASSES),
  },
  {
    route: 'POST /api/sessions/{id}/invitations',
    path: `/api/sessions/${S}/invitations`,
    expect: only(secretary, PASSES),
  },
  {
    route: 'PUT /api/sessions/{id}/invitations/{bodyId}/attendance',
    path: `/api/sessions/${S}/invitations/zha-roads/attendance`,
    body: { present: true },
    expect: only(secretary, PASSES),
  },
  // Minutes as a record: only the secretary corrects them or sets the quorum; anyone reads the versions.
  {
    route: 'POST /api/sessions/{id}/minutes/corrections',
    path: `/api/sessions/${S}/minutes/corrections`,
    body: {},
    expect: only(secretary, PASSES),
  },
  {
    route: 'GET /api/sessions/{id}/minutes/versions',
    path: `/api/sessions/${S}/minutes/versions`,
    expect: everyone(PASSES),
  },
  {
    route: 'GET /api/sessions/{id}/minutes/versions/{version}',
    path: `/api/sessions/${S}/minutes/versions/1`,
    expect: everyone(PASSES),
  },
  {
    route: 'PUT /api/sessions/{id}/entries/{entryId}/recording',
    path: `/api/sessions/${S}/entries/${E}/recording`,
    body: {},
    expect: only(secretary, PASSES),
  },
  { route: 'GET /api/club/settings', expect: everyone(PASSES) },
  { route: 'PUT /api/club/settings', body: { quorumRequired: 5 }, expect: only(secretary, PASSES) },
  {
    // Decided on the body in the path before the session is read: only BODY's official gets past.
    route: 'PUT /api/sessions/{id}/invitations/{bodyId}/response',
    path: `/api/sessions/${S}/invitations/${BODY}/response`,
    body: { answer: 'attend' },
    expect: only(['official'], PASSES),
  },
  { route: 'POST /api/club/next-session/entries', body: {}, expect: only(editors, PASSES) },
  { route: 'GET /api/sessions/{id}/draft', path: `/api/sessions/${S}/draft`, expect: only(editors, PASSES) },
  { route: 'POST /api/sessions', body: {}, expect: only(editors, PASSES) },
  { route: 'PATCH /api/sessions/{id}', path: `/api/sessions/${S}`, body: {}, expect: only(editors, PASSES) },
  {
    route: 'POST /api/sessions/{id}/entries',
    path: `/api/sessions/${S}/entries`,
    body: {},
    expect: only(editors, PASSES),
  },
  {
    route: 'PATCH /api/sessions/{id}/entries/{entryId}',
    path: `/api/sessions/${S}/entries/${E}`,
    body: {},
    expect: only(editors, PASSES),
  },
  {
    route: 'DELETE /api/sessions/{id}/entries/{entryId}',
    path: `/api/sessions/${S}/entries/${E}`,
    expect: only(editors, PASSES),
  },
  {
    route: 'PUT /api/sessions/{id}/order',
    path: `/api/sessions/${S}/order`,
    body: {},
    expect: only(editors, PASSES),
  },
  {
    route: 'PUT /api/sessions/{id}/entries/{entryId}/outcome',
    path: `/api/sessions/${S}/entries/${E}/outcome`,
    body: {},
    expect: only(editors, PASSES),
  },
  {
    route: 'POST /api/sessions/{id}/agenda',
    path: `/api/sessions/${S}/agenda`,
    body: {},
    expect: only(secretary, PASSES),
  },
  {
    route: 'POST /api/sessions/{id}/held',
    path: `/api/sessions/${S}/held`,
    body: {},
    expect: only(secretary, PASSES),
  },
  {
    route: 'POST /api/sessions/{id}/cancel',
    path: `/api/sessions/${S}/cancel`,
    body: {},
    expect: only(secretary, PASSES),
  },
  {
    route: 'POST /api/sessions/{id}/minutes',
    path: `/api/sessions/${S}/minutes`,
    body: {},
    expect: only(secretary, PASSES),
  },
  {
    route: 'PATCH /api/items/{itemId}/recommendations/{recId}',
    path: `/api/items/${ITEM}/recommendations/${E}`,
    body: {},
    // Resource-scoped (official of the recommendation's body, or the secretary): decided in the handler.
    expect: only(
      ['citizen', 'club_member', 'club_secretary', 'official', 'official_other', 'moderator', 'admin'],
      PASSES,
    ),
  },
  { route: 'GET /api/me/sessions', expect: only(['official', 'official_other'], PASSES) },
  // Issue 21: only club members and the secretary confirm, contest or escalate a follow-up.
  {
    route: 'POST /api/items/{itemId}/recommendations/{recId}/verification',
    path: `/api/items/${ITEM}/recommendations/${E}/verification`,
    body: { verdict: 'confirmed' },
    expect: only(editors, PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/recommendations/{recId}/escalations',
    path: `/api/items/${ITEM}/recommendations/${E}/escalations`,
    body: { addressee: { kind: 'prosecutor', name: 'Prosecutor (matrix)' }, lang: 'ru' },
    expect: only(editors, PASSES),
  },
  {
    route: 'GET /api/items/{itemId}/recommendations/{recId}/escalations/{escalationId}/letter',
    path: `/api/items/${ITEM}/recommendations/${E}/escalations/${S}/letter`,
    expect: only(editors, PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/recommendations/{recId}/escalations/{escalationId}/progress',
    path: `/api/items/${ITEM}/recommendations/${E}/escalations/${S}/progress`,
    body: { sentOn: '2026-04-21' },
    expect: only(editors, PASSES),
  },
  // The impact ledger: the secretary records, an official of the entry's body confirms (decided in
  // the handler once the entry is found, so every signed-in caller reaches the 404), anyone reads.
  { route: 'POST /api/club/impact', body: {}, expect: only(secretary, PASSES) },
  {
    route: 'POST /api/club/impact/{itemId}/{id}/confirmation',
    path: `/api/club/impact/${ITEM}/${E}/confirmation`,
    expect: only(
      ['citizen', 'club_member', 'club_secretary', 'official', 'official_other', 'moderator', 'admin'],
      PASSES,
    ),
  },
  { route: 'GET /api/club/impact', expect: everyone(PASSES) },
  { route: 'GET /api/club/report', path: '/api/club/report?period=2026-Q3', expect: everyone(PASSES) },
  { route: 'GET /api/club/report.csv', path: '/api/club/report.csv?period=2026', expect: everyone(PASSES) },
  {
    route: 'GET /api/bodies/{bodyId}/impact',
    path: '/api/bodies/zha-roads/impact',
    expect: everyone(PASSES),
  },
];
