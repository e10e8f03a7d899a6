/**
 * The numbers behind a flag, worded for a reader: each fact key gets its label from the catalogue
 * (`integrity.fact.<key>`), amounts are formatted exactly, dates in Almaty, shares with a percent sign.
 */
import { Fragment } from 'preact';
import type { FlagDefinition } from '../../../shared/flags';
import type { Lang } from '../../../shared/i18n-text';
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
 * untranslated interface. Nothing for the hub's own rules. (The item panel and the /flags page.)
 */
export function FlagSources({ def }: { def: FlagDefinition | undefined }) {
  if (!def?.cites.length) return null;
  return (
    <p className="integrity-source">
      {`${t('integrity.source')}: `}
      {def.cites.map((c, i) => (
        <Fragment key={c}>
          {i ? '; ' : ''}
          <cite lang="en">{c}</cite>
        </Fragment>
      ))}
    </p>
  );
}
