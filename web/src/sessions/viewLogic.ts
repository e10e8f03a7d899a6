/**
 * The sessions pages' view logic, pure so it is unit-tested without a browser: where a dropped entry
 * lands, which move button keeps focus, how a slot reads, how attendance is typed, and what each
 * form sends.
 */
import type { ClubText } from '../../../shared/club-text';
import type { AgendaEntry } from '../../../shared/sessions';
import { type Bilingual, fromBilingual } from './clubText';

/** "10:20 (15′)": an entry's start and length, or "" for an entry without a slot. */
export function slotText(slot: AgendaEntry['slot']): string {
  return slot ? `${slot.start} (${slot.minutes}′)` : '';
}

/**
 * The order after dragging `from` onto `onto`: an entry dragged down lands after the one it was
 * dropped on, an entry dragged up before it. Null when nothing moves.
 */
export function dropOrder(ids: string[], from: string, onto: string): string[] | null {
  const fromIndex = ids.indexOf(from);
  const ontoIndex = ids.indexOf(onto);
  if (from === onto || fromIndex < 0 || ontoIndex < 0) return null;
  const rest = ids.filter((id) => id !== from);
  rest.splice(rest.indexOf(onto) + (fromIndex < ontoIndex ? 1 : 0), 0, from);
  return rest;
}

/**
 * Which move button of the moved entry keeps focus: the one just used, so the next key press moves
 * it again; at an end of the list (where that button is disabled) the other one.
 */
export function focusAfterMove(order: string[], movedId: string, dir: 'up' | 'down'): 'up' | 'down' {
  const pos = order.indexOf(movedId);
  if (dir === 'up' && pos === 0) return 'down';
  if (dir === 'down' && pos === order.length - 1) return 'up';
  return dir;
}

/** Attendance as typed: one name a line, a line starting with "-" is someone absent. */
export function parseAttendance(text: string): Array<{ name: string; present: boolean }> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) =>
      line.startsWith('-') ? { name: line.slice(1).trim(), present: false } : { name: line, present: true },
    )
    .filter((p) => p.name);
}

/** One agenda entry's form: length, presenter, invited body, notes. */
export interface EntryFields {
  minutes: string;
  presenter: string;
  bodyId: string;
  notes: Bilingual;
}

/** The entry form's PATCH body (without the version); an empty presenter or body is left out. */
export function entryPatch(f: EntryFields) {
  const presenter = f.presenter.trim();
  return {
    minutes: Number(f.minutes),
    ...(presenter ? { presenter } : {}),
    ...(f.bodyId ? { bodyId: f.bodyId } : {}),
    notes: fromBilingual(f.notes) ?? '',
  };
}

/** A participant row of the session form: a member, or an official when a body is chosen. */
export interface ParticipantRow {
  key: string;
  name: string;
  bodyId: string;
}

export function participantsOf(rows: ParticipantRow[]) {
  return rows.map((r) =>
    r.bodyId
      ? { kind: 'official' as const, name: r.name, bodyId: r.bodyId }
      : { kind: 'member' as const, name: r.name },
  );
}

/** A recommendation row of the outcome form; `id` is set for one recorded before (kept, not re-created). */
export interface RecommendationRow {
  key: string;
  id?: string;
  text: Bilingual;
  bodyId: string;
  due: string;
}

export function recommendationsOf(rows: RecommendationRow[]) {
  return rows.map((r) => ({
    ...(r.id ? { id: r.id } : {}),
    text: fromBilingual(r.text) as ClubText | undefined,
    bodyId: r.bodyId,
    due: r.due,
  }));
}

/** The session form (new session, or the details of one being prepared) as the API takes it. */
export interface SessionFields {
  title: Bilingual;
  startsAt: string;
  duration: string;
  venue: Bilingual;
  format: string;
  link: string;
}

export function sessionBody(f: SessionFields) {
  return {
    title: fromBilingual(f.title),
    // datetime-local gives the wall-clock time typed, which the club means in Almaty.
    startsAt: f.startsAt.slice(0, 16),
    durationMinutes: Number(f.duration),
    venue: fromBilingual(f.venue),
    format: f.format,
    ...(f.link ? { link: f.link } : {}),
  };
}

/** The attendance as the minutes form's lines (one per person, an absent one after "-"): parseAttendance's inverse. */
export function attendanceText(attendance: ReadonlyArray<{ name: string; present: boolean }>): string {
  return attendance.map((a) => (a.present ? a.name : `- ${a.name}`)).join('\n');
}

/**
 * The attendance of a correction: the lines as typed, each keeping the body it had in the published
 * version (an official stays an official, so the quorum of members is counted as before).
 */
export function correctedAttendance(
  text: string,
  published: ReadonlyArray<{ name: string; bodyId?: string }>,
): Array<{ name: string; present: boolean; bodyId?: string }> {
  const bodies = new Map(published.filter((a) => a.bodyId).map((a) => [a.name, a.bodyId!]));
  return parseAttendance(text).map((a) => {
    const bodyId = bodies.get(a.name);
    return bodyId ? { ...a, bodyId } : a;
  });
}

/** Whether the members present reach the quorum the club required (null when either is not recorded). */
export function quorumState(m: { quorumRequired?: number; quorumPresent?: number }): 'met' | 'short' | null {
  if (m.quorumRequired === undefined || m.quorumPresent === undefined) return null;
  return m.quorumPresent >= m.quorumRequired ? 'met' : 'short';
}

/** The versions a reader can pick, newest first (1 … current). */
export function minutesVersionChoices(current: number): number[] {
  return Array.from({ length: Math.max(1, current) }, (_, i) => Math.max(1, current) - i);
}

/** The quorum the settings form sends, or null for a value the API refuses (a whole number 1–200). */
export function quorumInput(text: string): number | null {
  const n = Number(text.trim());
  return /^\d+$/.test(text.trim()) && n >= 1 && n <= 200 ? n : null;
}

/** The recording link form's body, or why not: the API takes https links and "HH:mm" times only. */
export function recordingDraft(
  url: string,
  start: string,
): { ok: true; body: { url: string; start: string } } | { ok: false; reason: 'httpsOnly' | 'time' } {
  const u = url.trim();
  let parsed: URL | null = null;
  try {
    parsed = new URL(u);
  } catch {
    parsed = null;
  }
  if (parsed?.protocol !== 'https:') return { ok: false, reason: 'httpsOnly' };
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(start.trim())) return { ok: false, reason: 'time' };
  return { ok: true, body: { url: u, start: start.trim() } };
}

/** Where an item was considered, for its panel: each session's broadcast and the entry's recording. */
export function itemRecordings<
  S extends {
    id: string;
    startUtc: string;
    link?: string;
    entries: ReadonlyArray<{ itemId: string; recording?: { url: string; start: string } }>;
  },
>(sessions: readonly S[], itemId: string): Array<{ session: S; recording?: { url: string; start: string } }> {
  const out: Array<{ session: S; recording?: { url: string; start: string } }> = [];
  for (const s of sessions) {
    const entry =
      s.entries.find((e) => e.itemId === itemId && e.recording) ?? s.entries.find((e) => e.itemId === itemId);
    if (!entry) continue;
    if (!entry.recording && !s.link) continue;
    out.push(entry.recording ? { session: s, recording: entry.recording } : { session: s });
  }
  return out.sort((a, b) => b.session.startUtc.localeCompare(a.session.startUtc));
}

/** Where the impact sums come from: the club's, one session's, or one body's ledger. */
export function impactPath(scope: { sessionId?: string; bodyId?: string }): string {
  if (scope.bodyId) return `/api/bodies/${encodeURIComponent(scope.bodyId)}/impact`;
  if (scope.sessionId) return `/api/club/impact?sessionId=${encodeURIComponent(scope.sessionId)}`;
  return '/api/club/impact';
}
