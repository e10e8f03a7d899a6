/** The sessions pages' addresses: the list, the agenda candidates, one session, its printable agenda or minutes. */

const CANDIDATES = /^\/sessions\/candidates\/?$/;
const PATH = /^\/sessions(?:\/([0-9A-HJKMNP-TV-Z]{26})(?:\/print\/(agenda|minutes))?)?\/?$/;

export type SessionsRoute =
  | { page: 'list' }
  | { page: 'candidates' }
  | { page: 'session'; id: string }
  | { page: 'print'; id: string; doc: 'agenda' | 'minutes' };

/** Which sessions page a pathname is, or null when it is none of them. */
export function sessionsRoute(pathname: string): SessionsRoute | null {
  if (CANDIDATES.test(pathname)) return { page: 'candidates' };
  const m = PATH.exec(pathname);
  if (!m) return null;
  if (m[1] && m[2]) return { page: 'print', id: m[1], doc: m[2] as 'agenda' | 'minutes' };
  if (m[1]) return { page: 'session', id: m[1] };
  return { page: 'list' };
}
