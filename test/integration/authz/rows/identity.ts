/** Identity, bodies and administration (issue 4). */
import { ACCOUNT_CONSENT_VERSION, CONSENT_VERSIONS } from '../../../../shared/consent-versions';
import { BODY, everyone, type MatrixRow, only, signedIn } from '../matrix';

const admins = ['admin'] as const;
let n = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${n++}`;

export const rows: MatrixRow[] = [
  { route: 'GET /api/me', expect: signedIn(200) },
  { route: 'PATCH /api/me', body: { name: 'Matrix Name' }, expect: signedIn(200) },
  { route: 'GET /api/me/export', expect: signedIn(200) },
  { route: 'GET /api/me/consents', expect: signedIn(200) },
  {
    route: 'PUT /api/me/consents/{purpose}',
    path: '/api/me/consents/positions',
    body: { version: CONSENT_VERSIONS.positions },
    expect: signedIn(200),
  },
  { route: 'DELETE /api/me/consents/{purpose}', path: '/api/me/consents/positions', expect: signedIn(200) },
  { route: 'PUT /api/me/sign-up', body: { version: ACCOUNT_CONSENT_VERSION }, expect: signedIn(200) },
  // Erasing the matrix's own test users is harmless: each call only pseudonymizes and removes their rows.
  { route: 'DELETE /api/me', expect: signedIn(200) },
  { route: 'GET /api/bodies', expect: everyone(200) },
  { route: 'GET /api/bodies/{id}', path: `/api/bodies/${BODY}`, expect: everyone(200) },
  {
    route: 'POST /api/admin/bodies',
    setup: async () => ({ body: { id: unique('mx-body'), name: { en: 'Matrix body' }, parentId: BODY } }),
    expect: only(admins, 201),
  },
  {
    route: 'PATCH /api/admin/bodies/{id}',
    path: `/api/admin/bodies/${BODY}`,
    body: { area: 'taraz' },
    expect: only(admins, 200),
  },
  { route: 'GET /api/admin/users', expect: only(admins, 200) },
  {
    route: 'GET /api/admin/users/{sub}',
    // The same 403 for a user that does not exist: nothing tells a non-admin who is registered.
    path: '/api/admin/users/nobody-at-all',
    expect: only(admins, 404),
  },
  {
    route: 'PUT /api/admin/users/{sub}/roles/{role}',
    setup: async () => ({ path: `/api/admin/users/${unique('mx-target')}/roles/moderator` }),
    expect: only(admins, 200),
  },
  {
    route: 'DELETE /api/admin/users/{sub}/roles/{role}',
    setup: async () => ({ path: `/api/admin/users/${unique('mx-target')}/roles/club_member` }),
    expect: only(admins, 200),
  },
  {
    route: 'PUT /api/admin/users/{sub}/bodies/{bodyId}',
    setup: async () => ({ path: `/api/admin/users/${unique('mx-target')}/bodies/${BODY}` }),
    expect: only(admins, 200),
  },
  {
    route: 'DELETE /api/admin/users/{sub}/bodies/{bodyId}',
    setup: async () => ({ path: `/api/admin/users/${unique('mx-target')}/bodies/${BODY}` }),
    expect: only(admins, 200),
  },
  { route: 'GET /api/admin/changes', expect: only(admins, 200) },
];
