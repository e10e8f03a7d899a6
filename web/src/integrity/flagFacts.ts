/**
 * The numbers behind a flag, worded for a reader: each fact key gets its label from the catalogue
 * (`integrity.fact.<key>`), amounts are formatted exactly, dates in Almaty, shares with a percent sign.
 */
import type { FlagDefinition } from '../../../shared/flags';
import type { Lang } from '../../../shared/i18n-text';
import { h } from '../dom';
import { formatDate, formatKzt } from '../format';
import { t } from '../i18n';

const MONEY = new Set(['valueAtAward', 'valueNow']);
const DATES = new Set(['awarded', 'lastUpdate']);
const PERCENTS = new Set(['increasePercent', 'sharePercent']);

/** One fact as [key, shown value]; unknown keys are shown as given. */
export function factValue(key: string, value: string | number, lang: Lang): string {
  if (MONEY.has(key) && typeof value === 'string') return formatKzt(value, lang);
  if (DATES.has(key) && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return formatDate(value, lang);
  if (PERCENTS.has(key)) return `${String(value).replace('.', lang === 'en' ? '.' : ',')} %`;
  return String(value);
}

/**
 * "Source: …" under a flag's meaning: the published sources keep their own (English) titles, marked
 * `<cite lang="en">` so a screen reader reads them in English and they count as quoted, not as
 * untranslated interface. Nothing for the hub's own rules. (A plain element for the item panel,
 * which is not yet a component; the /flags page has its own `FlagSources`.)
 */
export function flagSources(def: FlagDefinition | undefined): HTMLElement | null {
  if (!def?.cites.length) return null;
  const parts: (Node | string)[] = [`${t('integrity.source')}: `];
  def.cites.forEach((c, i) => {
    if (i) parts.push('; ');
    parts.push(h('cite', { lang: 'en' }, c));
  });
  return h('p', { className: 'integrity-source' }, ...parts);
}
