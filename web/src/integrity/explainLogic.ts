/**
 * What the flag-explanation UI decides without the DOM (unit-tested): who is offered "Explain", which
 * explanations sit beside which flag, how a moderated one is marked, what a draft may be sent as.
 */
import { type FlagExplanationListEntry, MAX_FLAG_EXPLANATION } from '../../../shared/flags-explanations';
import { can } from '../../../shared/policy';
import type { Principal } from '../../../shared/users';

/** The languages an official writes an explanation in: the state language and Russian. */
export const EXPLANATION_LANGS = ['kk', 'ru'] as const;
export type ExplanationLang = (typeof EXPLANATION_LANGS)[number];

/** "Explain" is offered to an official of the item's body only (the API decides again). */
export function mayExplain(user: Principal | null, bodyId: string): boolean {
  return can(user, 'flags.explain', { bodyId });
}

/** The explanations of one flag, oldest first (the API sends them oldest first for the whole item). */
export function explanationsOf(
  list: readonly FlagExplanationListEntry[],
  code: string,
): FlagExplanationListEntry[] {
  return list.filter((e) => e.code === code);
}

/**
 * How an explanation is marked: public for everyone; a moderated one (only its body's officials and
 * moderators receive it) says it is hidden or awaiting review, with the reason's message key.
 */
export function moderationNote(
  e: FlagExplanationListEntry,
): { key: 'integrity.explain.hidden' | 'integrity.explain.pending'; reasonKey: string } | null {
  if (!e.visibility) return null;
  return {
    key: e.visibility === 'hidden' ? 'integrity.explain.hidden' : 'integrity.explain.pending',
    reasonKey: `reason.${e.hiddenReason ?? 'other'}`,
  };
}

/** The language a new explanation starts in: the reader's, when it is one an explanation is written in. */
export function defaultExplanationLang(uiLang: string): ExplanationLang {
  return (EXPLANATION_LANGS as readonly string[]).includes(uiLang) ? (uiLang as ExplanationLang) : 'kk';
}

/** "Edit" and "Withdraw" are offered to an official of the body the explanation speaks for. */
export function mayEditExplanation(
  user: Principal | null,
  e: Pick<FlagExplanationListEntry, 'bodyId'>,
): boolean {
  return can(user, 'flags.explanationEdit', { bodyId: e.bodyId });
}

/**
 * An edit to send, or why not: as a new draft, and also refused when neither the text nor the
 * language changed (nothing to put on the chain).
 */
export function explanationEdit(
  original: Pick<FlagExplanationListEntry, 'text' | 'lang'>,
  text: string,
  lang: ExplanationLang,
): ReturnType<typeof explanationDraft> | { ok: false; reason: 'unchanged' } {
  const draft = explanationDraft(text, lang);
  if (draft.ok && draft.body.text === original.text && draft.body.lang === original.lang)
    return { ok: false, reason: 'unchanged' };
  return draft;
}

/**
 * The `/flags` page's "your body's flags": the flagged items (from the map feed) of the bodies the
 * signed-in official may explain for, most flags first, at most `limit`.
 */
export function flaggedForOfficial<T extends { properties: { id: string; b: string; f?: string[] } }>(
  feed: readonly T[],
  user: Principal | null,
  limit: number,
): T[] {
  if (!user || user.bodies.length === 0) return [];
  return feed
    .filter((f) => f.properties.f?.length && mayExplain(user, f.properties.b))
    .sort(
      (a, b) =>
        (b.properties.f?.length ?? 0) - (a.properties.f?.length ?? 0) ||
        a.properties.id.localeCompare(b.properties.id),
    )
    .slice(0, limit);
}

/** The body to send, or why not: empty after trimming, or longer than the API takes. */
export function explanationDraft(
  text: string,
  lang: ExplanationLang,
): { ok: true; body: { text: string; lang: ExplanationLang } } | { ok: false; reason: 'empty' | 'tooLong' } {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, reason: 'empty' };
  if (trimmed.length > MAX_FLAG_EXPLANATION) return { ok: false, reason: 'tooLong' };
  return { ok: true, body: { text: trimmed, lang } };
}

/**
 * A body's flag cell on the responsiveness page: "n of m items flagged", linking to the list of its
 * flagged items; null before the flag job counted the body (the cell then says so).
 */
export function bodyFlagsCell(
  bodyId: string,
  flags: { items: number; flagged: number } | undefined,
): { flagged: number; items: number; href: string | null } | null {
  if (!flags) return null;
  return {
    flagged: flags.flagged,
    items: flags.items,
    // Nothing to list when no item is flagged.
    href: flags.flagged > 0 ? `/list?body=${encodeURIComponent(bodyId)}&flag=any` : null,
  };
}
