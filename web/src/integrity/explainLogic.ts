/**
 * What the flag-explanation UI decides without the DOM (unit-tested): who is offered "Explain", which
 * explanations sit beside which flag, how a moderated one is marked, what a draft may be sent as.
 */
import type { FlagExplanationListEntry } from '../../../shared/flags-explanations';
import { can } from '../../../shared/policy';
import type { Principal } from '../../../shared/users';

/** The API's limit (shared/flags-explanations.ts), repeated here so the web bundle needs no zod module. */
export const MAX_EXPLANATION = 2000;

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

/** The body to send, or why not: empty after trimming, or longer than the API takes. */
export function explanationDraft(
  text: string,
  lang: ExplanationLang,
): { ok: true; body: { text: string; lang: ExplanationLang } } | { ok: false; reason: 'empty' | 'tooLong' } {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, reason: 'empty' };
  if (trimmed.length > MAX_EXPLANATION) return { ok: false, reason: 'tooLong' };
  return { ok: true, body: { text: trimmed, lang } };
}
