/** Telegram linking and the bot's webhook (issue 17). */
import type { RowsDeps } from '../matrix';
import { everyone, type MatrixRow, signedIn, withConsent } from '../matrix';

/** A bot for the matrix app; nothing is sent (no client), links are only minted. */
export const deps: RowsDeps = () => ({
  telegram: { botUsername: 'matrix_bot', webhookSecret: 'matrix-secret' },
});

export const rows: MatrixRow[] = [
  { route: 'GET /api/me/telegram', expect: signedIn(200) },
  { route: 'POST /api/me/telegram/link', setup: withConsent('telegram'), expect: signedIn(200) },
  { route: 'DELETE /api/me/telegram', expect: signedIn(204) },
  // Only Telegram knows the secret header; no caller of the matrix sends it.
  { route: 'POST /api/telegram/webhook', body: { update_id: 1 }, expect: everyone(401) },
];
