/** The sessions UI's calls to the API and the small caches it reads item and body names from. */

import { signal } from '@preact/signals';
import { type Localized, pickText } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import type { AgendaVersion, RecommendationView, Session } from '../../../shared/sessions';
import { ApiError, api } from '../api';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';

export type SessionView = Session & { recommendations: RecommendationView[] };
export interface ClubStats {
  sessionsHeld: number;
  questionsConsidered: number;
  upcoming: number;
  recommendations: { total: number; done: number; open: number; overdue: number };
}

const send = <T>(method: string, path: string, body?: unknown) =>
  api<T>(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

export const sessionsApi = {
  list: (when: 'past' | 'upcoming') => api<{ sessions: SessionView[] }>(`/api/sessions?when=${when}`),
  /** The published sessions that consider one item, newest first. */
  forItem: (itemId: string) => api<{ sessions: SessionView[] }>(`/api/items/${itemId}/sessions`),
  clubList: () => api<{ sessions: SessionView[] }>('/api/club/sessions'),
  involved: () => api<{ sessions: SessionView[] }>('/api/me/sessions'),
  stats: () => api<ClubStats>('/api/club/stats'),
  get: (id: string) => api<SessionView>(`/api/sessions/${id}`),
  draft: (id: string) => api<SessionView>(`/api/sessions/${id}/draft`),
  versions: (id: string) => api<{ versions: AgendaVersion[] }>(`/api/sessions/${id}/agenda/versions`),
  create: (body: unknown) => send<SessionView>('POST', '/api/sessions', body),
  patch: (id: string, body: unknown) => send<SessionView>('PATCH', `/api/sessions/${id}`, body),
  patchEntry: (id: string, entryId: string, body: unknown) =>
    send<SessionView>('PATCH', `/api/sessions/${id}/entries/${entryId}`, body),
  removeEntry: (id: string, entryId: string, version: number) =>
    send<SessionView>('DELETE', `/api/sessions/${id}/entries/${entryId}?version=${version}`),
  reorder: (id: string, version: number, entryIds: string[]) =>
    send<SessionView>('PUT', `/api/sessions/${id}/order`, { version, entryIds }),
  publish: (id: string, version: number, changeNote: string) =>
    send<AgendaVersion>('POST', `/api/sessions/${id}/agenda`, { version, changeNote }),
  held: (id: string, version: number) => send<SessionView>('POST', `/api/sessions/${id}/held`, { version }),
  outcome: (id: string, entryId: string, body: unknown) =>
    send<SessionView>('PUT', `/api/sessions/${id}/entries/${entryId}/outcome`, body),
  minutes: (id: string, body: unknown) => send<SessionView>('POST', `/api/sessions/${id}/minutes`, body),
  followUp: (itemId: string, recId: string, body: unknown) =>
    send<RecommendationView>('PATCH', `/api/items/${itemId}/recommendations/${recId}`, body),
  /** The club confirms a "done" or contests it with the reason (issue 21). */
  verifyFollowUp: (
    itemId: string,
    recId: string,
    body: { verdict: 'confirmed' | 'contested'; reason?: string },
  ) => send<RecommendationView>('POST', `/api/items/${itemId}/recommendations/${recId}/verification`, body),
  /** Escalates an overdue recommendation; the letter is then at `letterUrl`. */
  escalate: (itemId: string, recId: string, body: unknown) =>
    send<{ id: string }>('POST', `/api/items/${itemId}/recommendations/${recId}/escalations`, body),
  letterUrl: (itemId: string, recId: string, escalationId: string) =>
    `/api/items/${itemId}/recommendations/${recId}/escalations/${escalationId}/letter`,
  itemRecommendations: (itemId: string) =>
    api<{ recommendations: RecommendationView[] }>(`/api/items/${itemId}/recommendations`),
  nextSession: () => api<SessionView>('/api/club/next-session'),
  addToNext: (itemId: string) => send<SessionView>('POST', '/api/club/next-session/entries', { itemId }),
  /** Adds to a chosen session; no version, so the server applies it to the latest (one-step button). */
  addTo: (sessionId: string, body: { itemId: string; questionId?: string }) =>
    send<SessionView>('POST', `/api/sessions/${sessionId}/entries`, body),
};

/**
 * Item titles and body names the sessions pages show, as signals: a component that reads one while
 * rendering re-renders when it arrives, and shows it in the language chosen at that moment.
 */
const itemTitles = signal<ReadonlyMap<string, Localized | null>>(new Map());
const titleRequests = new Map<string, Promise<void>>();

/** Fetches the titles of these items (once each); resolves when all are known. */
export function loadItemTitles(ids: string[]): Promise<void> {
  return Promise.all(
    ids.map((id) => {
      let p = titleRequests.get(id);
      if (!p) {
        p = api<ItemView>(`/api/items/${id}`)
          .then((i) => i.title)
          .catch(() => null)
          .then((title) => {
            itemTitles.value = new Map(itemTitles.value).set(id, title);
          });
        titleRequests.set(id, p);
      }
      return p;
    }),
  ).then(() => undefined);
}

/** The title of an item in the current language (its id while unknown; see `loadItemTitles`). */
export function itemTitle(id: string): string {
  return pickText(itemTitles.value.get(id) ?? undefined, getLang()) || id;
}

export { bodyIds, bodyName, loadBodyNames } from '../bodies';

/** A message for a failed call: the 409 of a lost edit race says what to do next. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (isConflict(err)) return t('sessions.conflict');
    if (err.status === 403) return t('sessions.forbidden');
  }
  return t('sessions.error', { message: problemText(err) });
}

export function isConflict(err: unknown): boolean {
  if (!(err instanceof ApiError) || err.status !== 409) return false;
  const code = err.problem.code;
  // Every problem carries a code now (shared/problem-codes.ts): no matching on English text.
  return code === 'session.stale' || code === 'state.stale';
}
