/**
 * Formats a message compiled at build time by web/build/messages.ts (ICU MessageFormat: arguments,
 * numbers, plural, selectordinal, select and `#`). Tiny on purpose: the parser stays at build time.
 */

/** A message part: literal text, or an argument / number / plural / select / `#`. */
export type Part =
  | string
  | { a: string }
  | { n: string }
  | { h: 1 }
  | { s: string; c: Record<string, Part[]> }
  | { p: string; c: Record<string, Part[]>; o?: number; r?: 1 };

export type CompiledMessage = string | Part[];
export type MessageValues = Record<string, string | number | undefined | null>;

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function rules(lang: string, ordinal: boolean): Intl.PluralRules {
  const id = `${lang}:${ordinal}`;
  let r = pluralRules.get(id);
  if (!r) {
    r = new Intl.PluralRules(lang, { type: ordinal ? 'ordinal' : 'cardinal' });
    pluralRules.set(id, r);
  }
  return r;
}

function formatNumber(lang: string, n: number): string {
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang);
    numberFormats.set(lang, f);
  }
  return f.format(n);
}

function render(parts: Part[], values: MessageValues, lang: string, pound: number | undefined): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else if ('a' in part) out += String(values[part.a] ?? `{${part.a}}`);
    else if ('n' in part) {
      const v = values[part.n];
      out += typeof v === 'number' ? formatNumber(lang, v) : String(v ?? `{${part.n}}`);
    } else if ('h' in part) out += pound === undefined ? '#' : formatNumber(lang, pound);
    else if ('s' in part) {
      const option = part.c[String(values[part.s])] ?? part.c.other ?? [];
      out += render(option, values, lang, pound);
    } else {
      const value = Number(values[part.p]);
      const offset = part.o ?? 0;
      const exact = part.c[`=${value}`];
      const option = exact ?? part.c[rules(lang, part.r === 1).select(value - offset)] ?? part.c.other ?? [];
      out += render(option, values, lang, value - offset);
    }
  }
  return out;
}

export function formatMessage(message: CompiledMessage, values: MessageValues, lang: string): string {
  return typeof message === 'string' ? message : render(message, values, lang, undefined);
}
