/**
 * A new authenticator app (issue 22): staff only. Without the refresh-token cookie (the matrix sends
 * none) a staff member gets past authorization to the cookie check, 401 `auth.refresh_refused`;
 * citizens and club members are refused (403) before it.
 */
import { type MatrixRow, only } from '../matrix';

export const rows: MatrixRow[] = [
  {
    route: 'POST /api/auth/totp-device',
    body: {},
    expect: only(['club_secretary', 'official', 'official_other', 'moderator', 'admin'], 401),
  },
];
