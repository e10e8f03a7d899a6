/**
 * Pure view logic of a body's contacts: which sentence says the state of its notifications, and
 * which page a path is. No DOM, no API: unit-tested in view.test.ts.
 */

/** The public state of a body's notifications, as the API answers it (no address). */
export interface NotificationStatusView {
  state: 'none' | 'unverified' | 'working' | 'failing';
  verifiedAt: string | null;
  lastDeliveryAt: string | null;
  lastFailureAt: string | null;
}

/** The lines that describe the state: a catalogue key each, with the instant it names (if any). */
export function statusLines(s: NotificationStatusView): Array<{ key: string; at?: string }> {
  const lines: Array<{ key: string; at?: string }> = [{ key: `hubops.contacts.state.${s.state}` }];
  if (s.state === 'none' || s.state === 'unverified') return lines;
  lines.push(
    s.lastDeliveryAt
      ? { key: 'hubops.contacts.lastDelivery', at: s.lastDeliveryAt }
      : { key: 'hubops.contacts.noDeliveryYet' },
  );
  if (s.lastFailureAt) lines.push({ key: 'hubops.contacts.lastFailure', at: s.lastFailureAt });
  return lines;
}

export type BodyRoute =
  | { page: 'body'; bodyId: string }
  | { page: 'contacts'; bodyId: string }
  | { page: 'verify'; bodyId: string };

const BODY_ID = '([a-z0-9-]{2,64})';
const ROUTES: Array<[RegExp, BodyRoute['page']]> = [
  [new RegExp(`^/bodies/${BODY_ID}/?$`), 'body'],
  [new RegExp(`^/bodies/${BODY_ID}/contacts/?$`), 'contacts'],
  [new RegExp(`^/bodies/${BODY_ID}/verify-mailbox/?$`), 'verify'],
];

/** The body page a path names, or null. */
export function bodyRoute(pathname: string): BodyRoute | null {
  for (const [re, page] of ROUTES) {
    const m = re.exec(pathname);
    if (m?.[1]) return { page, bodyId: m[1] };
  }
  return null;
}
