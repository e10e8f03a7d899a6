/**
 * The Visits section's view logic, apart from the components so it is tested without a page: the
 * distance and presence wording, and what a filled-in visit form sends (its named fields, never the
 * n-th input).
 */
import type { CheckPoint, CheckResult, Verdict } from '../../../shared/visit-checklist';
import type { ReportedPosition, VisitView } from '../../../shared/visits';
import { formatCount } from '../format';
import { getLang, t } from '../i18n';
import type { VisitDraft } from './outbox';

export function distanceText(metres: number): string {
  const lang = getLang();
  return metres < 1000
    ? t('visits.unit.m', { distance: formatCount(metres, lang) })
    : t('visits.unit.km', { distance: formatCount(metres / 1000, lang) });
}

/** How near the visitor said they were, each source with its distance; never where. */
export function presenceText(v: Pick<VisitView, 'presence' | 'onSite'>): string {
  const parts = v.presence.map(
    (s) =>
      t(s.source === 'phone' ? 'visits.presence.phone' : 'visits.presence.photo', {
        distance: distanceText(s.withinMetres),
      }) +
      // The photo's own capture day, when its EXIF gives one, against the visit's date.
      (s.takenOn ? ` (${t(`visits.presence.taken.${s.takenOn}`)})` : ''),
  );
  return (
    (parts.length ? parts.join(' · ') : t('visits.presence.none')) +
    (v.presence.length && !v.onSite ? ` · ${t('visits.presence.notOnSite')}` : '')
  );
}

/** The visit form's named fields. */
export interface VisitFields {
  visitedOn: string;
  verdict: Verdict;
  /** `<confirm|contest>:<milestoneId>`, or '' for no stance. */
  stance: string;
  updateId: string;
  note: string;
  /** Each checked point's result; '' (or absent) for a point skipped. */
  results: Partial<Record<CheckPoint, CheckResult | ''>>;
  /** The positions consent ticked in this form. */
  positionConsent: boolean;
}

/**
 * What the form sends, or null when no point was checked. `points` in the checklist's order; the
 * position only when positions are allowed (consent stored or ticked); `consentVersion` recorded
 * with the visit when ticked here.
 */
export function visitInput(
  f: VisitFields,
  points: readonly CheckPoint[],
  opts: { position?: ReportedPosition; positionsAllowed: boolean; consentVersion: string },
): VisitDraft['input'] | null {
  const checks = points.flatMap((point) => {
    const result = f.results[point];
    return result ? [{ point, result }] : [];
  });
  if (!checks.length) return null;
  const [stance, milestoneId] = f.stance.split(':');
  const note = f.note.trim();
  return {
    visitedOn: f.visitedOn,
    checks,
    verdict: f.verdict,
    ...(note ? { note } : {}),
    ...(milestoneId ? { milestone: { milestoneId, stance: stance as 'confirm' | 'contest' } } : {}),
    ...(f.updateId ? { updateId: f.updateId } : {}),
    ...(opts.position && opts.positionsAllowed ? { position: opts.position } : {}),
    ...(f.positionConsent ? { positionConsent: opts.consentVersion } : {}),
  };
}

/** The photos to send: those attached to a point that was checked (a skipped point's are left out). */
export function visitPhotos(
  f: Pick<VisitFields, 'results'>,
  points: readonly CheckPoint[],
  photos: Partial<Record<CheckPoint, readonly File[]>>,
): VisitDraft['photos'] {
  return points
    .filter((p) => f.results[p])
    .flatMap((point) => (photos[point] ?? []).map((f) => ({ point, blob: f, name: f.name })));
}
