/**
 * How fresh the data is (issue 20, item 6): the toolbar says when the dataset was last refreshed
 * from its source (one stored marker, GET /api/data-freshness), and the item panel says "data as of"
 * the item's own last source update (its provenance). Dates in Asia/Almaty, as everywhere.
 */
import type { Lang } from '../../../shared/i18n-text';
import { formatDate } from '../format';
import { getLang, onLangChange, t } from '../i18n';

export interface FreshnessMarker {
  refreshedAt: string | null;
  changedAt: string | null;
  source: string | null;
}

/** The toolbar line, or null when nothing has refreshed the data yet (then the line stays empty). */
export function freshnessLine(marker: FreshnessMarker | null, lang: Lang): string | null {
  if (!marker?.refreshedAt) return null;
  const date = formatDate(marker.refreshedAt, lang);
  return marker.source === 'demo'
    ? t('realdata.fresh.demo', { date })
    : t('realdata.fresh.refreshed', { date });
}

/** "Data as of …" for one item: its source's last update (imported, synced) or the demo's date. */
export function itemAsOf(updatedAt: string, lang: Lang): string {
  return t('realdata.asOf', { date: formatDate(updatedAt, lang) });
}

/** Fills `el` with the toolbar line once the marker arrives, and again on a language switch. */
export function showFreshness(el: HTMLElement): () => void {
  let marker: FreshnessMarker | null = null;
  const render = () => {
    el.textContent = freshnessLine(marker, getLang()) ?? '';
  };
  void fetch('/api/data-freshness', { headers: { accept: 'application/json' } })
    .then((res) => (res.ok ? (res.json() as Promise<FreshnessMarker>) : null))
    .then((m) => {
      marker = m;
      render();
    })
    // The line is a courtesy: the map works without it.
    .catch(() => undefined);
  return onLangChange(render);
}
