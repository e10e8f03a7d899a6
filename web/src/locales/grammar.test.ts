/**
 * Grammar checks a native reviewer asked for (LANGUAGE-REVIEW.md section 5), run over the catalogues:
 *   - Kazakh: a filled-in `{date}`, `{name}`, `{title}`… cannot take a case ending, so no kk message may
 *     attach a suffix to a placeholder or follow it with a postposition that needs one (дейін,
 *     бойынша…). Write a head noun («{name} файлын») or "label: value" instead. A number may take the
 *     ordinal hyphen («{page}-бет»): that is how Kazakh writes ordinals.
 *   - Russian: a number cannot be followed by a noun unless a plural form chooses it, so a number stands
 *     after a label («Замечаний: {count}») or inside `{count, plural, …}`; every message with a number
 *     renders for 0, 1, 2, 5, 11, 21 and 101.
 * Which arguments are numbers is found, not listed by hand where it can be: an argument that any
 * catalogue formats as `plural`, `selectordinal` or `number` is one. The rest are named below, and every
 * argument of every message must be named as a number or as text, so a new argument cannot slip past
 * the Russian checks unclassified.
 */
import { describe, expect, it } from 'vitest';
import { compileMessage, readCatalogue } from '../../build/messages';
import { formatMessage } from '../messageFormat';

/** Arguments that carry numbers (the others are names, titles, dates, free text). */
const NUMERIC_ARGS = new Set([
  'count',
  'n',
  'min',
  'version',
  'position',
  'page',
  'pages',
  'seconds',
  'records',
  'created',
  'updated',
  'unchanged',
  'rejected',
  'open',
  'overdue',
  'soon',
  'rating',
  'percent',
  'flagged',
  'items',
  'total',
  'max',
  'late',
  'days',
  'present',
  'required',
  'refused',
  'index',
  'seq',
  'distance',
  'minutes',
  'minimum',
  'maximum',
  'width',
  'height',
  'x',
  'y',
]);
/**
 * Arguments that are not counts: names, titles, dates and times, amounts already formatted with their
 * currency, codes, free text, and numbers that are names (a year, a registration number).
 */
const TEXT_ARGS = new Set([
  // an attached file (web/src/evidence/document-link.ts) and an upload's type refusal
  'kind',
  'size',
  'declared',
  'actual',
  'filter',
  'date',
  'name',
  'reason',
  'body',
  'what',
  'at',
  'actor',
  'title',
  'subject',
  'dueOn',
  'start',
  'amount',
  'before',
  'after',
  'address',
  'user',
  'latest',
  'message',
  'change',
  'column',
  'detail',
  'from',
  'to',
  'format',
  'expected',
  'deadline',
  'windowEnd',
  'until',
  'field',
  'lang',
  'channel',
  'session',
  'startsAt',
  'bin',
  'planned',
  'due',
  'action',
  'keys',
  'value',
  'earliest',
  'current',
  'endsAt',
  'today',
  'met',
  'spent',
  'end',
  'status',
  'sessions',
  'state',
  'point',
  'contact',
  'pseudonym',
  'period',
  'hash',
  'year',
  'source',
  'toBody',
  'newDueOn',
  'milestone',
  'summary',
  'number',
  'windowStart',
  'bodyId',
  'error',
]);
// «мен / бен / пен» (and, with) take their form from the last sound of the word before: a filled-in
// value cannot choose it.
const KK_POSTPOSITIONS = [
  'дейін',
  'шейін',
  'бойынша',
  'кейін',
  'соң',
  'бұрын',
  'бері',
  'бастап',
  'қарай',
  'мен',
  'бен',
  'пен',
];
/** Words that may follow a bare number in Russian without agreeing with it. */
// Prepositions and particles, and unit abbreviations that do not decline («15 мин», «150 м»).
const RU_AFTER_NUMBER = new Set(['из', 'с', 'от', 'до', 'не', 'мин', 'м', 'км', 'пикс']);
const NUMBERS = [0, 1, 2, 5, 11, 21, 101];

/** Why a kk message breaks once its placeholders are filled in (empty when it does not). */
function kkEndingProblems(message: string): string[] {
  const out: string[] = [];
  for (const m of message.matchAll(/\{(\w+)\}([»"”]?)(-?)(\p{L}+)/gu)) {
    const [whole, arg, , hyphen] = m;
    if (hyphen && NUMERIC_ARGS.has(arg!)) continue; // «{page}-бет»: the ordinal hyphen
    out.push(`suffix on a placeholder: ${whole}`);
  }
  const post = new RegExp(`\\{(\\w+)\\}[»"”]?\\s+(${KK_POSTPOSITIONS.join('|')})(?!\\p{L})`, 'gu');
  for (const m of message.matchAll(post)) out.push(`postposition after a placeholder: ${m[0]}`);
  return out;
}

/** Why a ru message makes a noun agree with a bare number (empty when it does not). */
function ruNumberProblems(message: string): string[] {
  const out: string[] = [];
  for (const m of message.matchAll(/\{(\w+)(?:,\s*number)?\}\s+(\p{L}+)/gu)) {
    const [whole, arg, word] = m;
    if (
      NUMERIC_ARGS.has(arg!) &&
      !RU_AFTER_NUMBER.has(word!.toLowerCase()) &&
      /\p{Script=Cyrillic}/u.test(word!)
    )
      out.push(`noun after a bare number: ${whole}`);
  }
  return out;
}

const kk = readCatalogue('kk');
const ru = readCatalogue('ru');
const en = readCatalogue('en');
const args = (message: string) => [...message.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]!);
for (const catalogue of [kk, ru, en])
  for (const message of Object.values(catalogue))
    for (const m of message.matchAll(/\{(\w+),\s*(?:plural|selectordinal|number)\b/g))
      NUMERIC_ARGS.add(m[1]!);

describe('Kazakh: no case ending on a filled-in placeholder', () => {
  it('no kk message attaches a suffix or a case-governing postposition to a placeholder', () => {
    const bad = Object.entries(kk).flatMap(([key, message]) =>
      kkEndingProblems(message).map((p) => `${key}: ${p}`),
    );
    expect(bad).toEqual([]);
  });
  it.each([
    ['a date with дейін', 'Мерзім {date} дейін ұзартылды.'],
    ['a column with бойынша', '{column} бойынша сұрыптау'],
    ['a quoted title with a genitive ending', '«{title}»ның күн тәртібі'],
    ['a name with a hyphenated dative', '{name}-ге жіберілді'],
    ['a date joined by мен', 'Күн {earliest} мен {latest} аралығында болуы керек.'],
  ])('the check catches %s', (_case, message) => {
    expect(kkEndingProblems(message)).not.toEqual([]);
  });
  it.each([
    ['a head noun', '«{title}» тармағын жоғары жылжыту'],
    ['label: value', 'Жаңа мерзім: {date}'],
    ['an ordinal number', '{page}-бет, барлығы {pages}'],
  ])('the check lets %s pass', (_case, message) => {
    expect(kkEndingProblems(message)).toEqual([]);
  });
});

describe('Russian: numbers and plurals', () => {
  it('no ru message puts a noun after a bare number', () => {
    const bad = Object.entries(ru).flatMap(([key, message]) =>
      ruNumberProblems(message).map((p) => `${key}: ${p}`),
    );
    expect(bad).toEqual([]);
  });
  it('the check catches «Ещё {count} замечаний» and lets «Не показано замечаний: {count}» pass', () => {
    expect(ruNumberProblems('Ещё {count} замечаний не показано.')).not.toEqual([]);
    expect(ruNumberProblems('Не показано замечаний: {count}.')).toEqual([]);
  });

  it('knows of every argument whether it is a number', () => {
    const unclassified = Object.entries(ru).flatMap(([key, message]) =>
      args(message)
        .filter((a) => !NUMERIC_ARGS.has(a) && !TEXT_ARGS.has(a))
        .map((a) => `${key}: {${a}}`),
    );
    expect(unclassified).toEqual([]);
  });
  it('the check catches a noun after a formatted number and after «из {items}»', () => {
    expect(ruNumberProblems('не более {maxBytes, number} байт')).not.toEqual([]);
    expect(ruNumberProblems('{flagged} из {items} объектов')).not.toEqual([]);
  });

  const numeric = Object.entries(ru).filter(([, message]) => args(message).some((a) => NUMERIC_ARGS.has(a)));
  it('has messages with numbers to check', () => {
    expect(numeric.length).toBeGreaterThan(5);
  });
  it.each(numeric)('%s renders for 0, 1, 2, 5, 11, 21, 101', (key, message) => {
    const compiled = compileMessage(key, message);
    for (const n of NUMBERS) {
      const values = Object.fromEntries(args(message).map((a) => [a, NUMERIC_ARGS.has(a) ? n : a]));
      const text = formatMessage(compiled, values, 'ru');
      expect(text).not.toMatch(/[{}]/);
      expect(text).toContain(new Intl.NumberFormat('ru').format(n));
    }
    // A plural must offer every Russian form, or 21 and 101 fall back to the wrong one.
    for (const m of message.matchAll(/\{\w+,\s*plural,/g)) {
      const rest = message.slice(m.index);
      for (const form of ['one', 'few', 'many', 'other'])
        expect(rest).toMatch(new RegExp(`\\b${form}\\s*\\{`));
    }
  });
});
