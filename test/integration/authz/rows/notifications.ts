/** Notification settings, e-mail verification, one-click unsubscribe and a question's legal notices (issue 17). */
import { unsubscribeToken } from '../../../../functions/services/notifications';
import { everyone, type MatrixRow, signedIn, withConsent } from '../matrix';

const UNKNOWN = '01HZZZZZZZZZZZZZZZZZZZZZZZ';

export const rows: MatrixRow[] = [
  { route: 'GET /api/me/notifications', expect: signedIn(200) },
  { route: 'GET /api/me/notifications/feed', expect: signedIn(200) },
  {
    route: 'POST /api/me/notifications/seen',
    body: { at: '2026-01-01T00:00:00.000Z' },
    expect: signedIn(200),
  },
  {
    route: 'PUT /api/me/notifications',
    body: { lang: 'ru', channels: { email: 'daily' }, quietHours: { from: '22:00', to: '08:00' } },
    expect: signedIn(200),
  },
  {
    route: 'PUT /api/me/email',
    body: { address: 'matrix@example.kz' },
    setup: withConsent('email'),
    expect: signedIn(200),
  },
  // A wrong token is refused the same way for everyone signed in; anonymous callers learn nothing.
  { route: 'POST /api/me/email/verify', body: { token: 'not-a-token' }, expect: signedIn(400) },
  {
    route: 'POST /api/notifications/unsubscribe',
    path: `/api/notifications/unsubscribe?t=${unsubscribeToken('matrix-nobody', 'email')}`,
    expect: everyone(200),
  },
  { route: 'GET /api/me/subscriptions', expect: signedIn(200) },
  {
    route: 'PUT /api/me/subscriptions/{kind}/{id}',
    path: '/api/me/subscriptions/area/taraz',
    expect: signedIn(204),
  },
  {
    route: 'DELETE /api/me/subscriptions/{kind}/{id}',
    path: '/api/me/subscriptions/area/taraz',
    expect: signedIn(204),
  },
  {
    route: 'GET /api/items/{itemId}/questions/{id}/notices',
    path: `/api/items/${UNKNOWN}/questions/${UNKNOWN}/notices`,
    expect: everyone(200),
  },
];
