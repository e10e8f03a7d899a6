/**
 * Numbers and dates as people in Kazakhstan read them. Money arrives as exact decimal strings and
 * is handed to Intl as a string (or bigint), never turned into a binary float on the way.
 */
import { TIME_ZONE } from '../../shared/dates';
import type { Lang } from '../../shared/i18n-text';

/**
 * Kazakh writes numbers like Russian (1 234 567,89). Browsers built without Kazakh locale data
 * would fall back to English, so then Kazakh borrows the Russian number format and shows dates as
 * numbers (11.01.2026) rather than with English month names.
 */
const KK_SUPPORTED = Intl.NumberFormat.supportedLocalesOf(['kk-KZ']).length > 0;
const LOCALES: Record<Lang, string> = { kk: KK_SUPPORTED ? 'kk-KZ' : 'ru-KZ', ru: 'ru-KZ', en: 'en-GB' };
const DATE_STYLE: Record<Lang, Intl.DateTimeFormatOptions> = {
  kk: KK_SUPPORTED
    ? { day: 'numeric', month: 'short', year: 'numeric' }
    : { day: '2-digit', month: '2-digit', year: 'numeric' },
  ru: { day: 'numeric', month: 'short', year: 'numeric' },
  en: { day: 'numeric', month: 'short', year: 'numeric' },
};

export function localeOf(lang: Lang): string {
  return LOCALES[lang];
}

type Numeric = Parameters<Intl.NumberFormat['format']>[0];

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, kind: 'kzt' | 'kztShort' | 'percent' | 'count'): Intl.NumberFormat {
  const key = `${lang}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.NumberFormatOptions =
      kind === 'kzt'
        ? {
            style: 'currency',
            currency: 'KZT',
            currencyDisplay: 'narrowSymbol',
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          }
        : kind === 'kztShort'
          ? {
              style: 'currency',
              currency: 'KZT',
              currencyDisplay: 'narrowSymbol',
              notation: 'compact',
              maximumFractionDigits: 1,
            }
          : kind === 'percent'
            ? { style: 'percent', maximumFractionDigits: 1 }
            : {};
    f = new Intl.NumberFormat(LOCALES[lang], options);
    cache.set(key, f);
  }
  return f;
}

/** "1234567.89" → "1 234 567,89 ₸" (exact: Intl formats the decimal string itself). */
export function formatKzt(amount: string | bigint, lang: Lang): string {
  return numberFormat(lang, 'kzt').format(amount as Numeric);
}

/** Short form for totals and chart labels: "1,2 млрд ₸". */
export function formatKztShort(amount: string | bigint, lang: Lang): string {
  return numberFormat(lang, 'kztShort').format(amount as Numeric);
}

/** 42.5 → "42,5%". */
export function formatPercent(percent: number, lang: Lang): string {
  return numberFormat(lang, 'percent').format(percent / 100);
}

export function formatCount(n: number, lang: Lang): string {
  return numberFormat(lang, 'count').format(n);
}

const dateFormats = new Map<Lang, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<Lang, Intl.DateTimeFormat>();

/**
 * A calendar date ("2026-03-01") or an instant ("2026-03-01T04:00:00Z") as an Almaty date.
 * Calendar dates are anchored at Almaty noon so no time zone can move them to another day.
 */
export function formatDate(iso: string, lang: Lang): string {
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, ...DATE_STYLE[lang] });
    dateFormats.set(lang, f);
  }
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00+05:00`) : new Date(iso);
  return f.format(instant);
}

export function formatDateTime(iso: string, lang: Lang): string {
  let f = dateTimeFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone: TIME_ZONE,
      ...DATE_STYLE[lang],
      hour: '2-digit',
      minute: '2-digit',
    });
    dateTimeFormats.set(lang, f);
  }
  return f.format(new Date(iso));
}

/**
 * Width of a bar for `part` of `whole` in percent, clamped to 0..100. The only place money becomes a
 * float, and only to draw.
 */
export function barPercent(part: string, whole: string): number {
  const w = Number(whole);
  if (!(w > 0)) return 0;
  return Math.min(100, Math.max(0, (Number(part) / w) * 100));
}
