/**
 * The search index format: how an item's texts become index tokens and how a query becomes search
 * keys. Pure (no zod, no I/O) and in `shared/` so every builder of the index — the feed's full
 * rebuild, the stream batches, a later feed — writes the same tokens a query is matched against.
 *
 *   fold      NFC, lower case, ё → е; Kazakh letters (ә ғ қ ң ө ұ ү һ і) keep their identity.
 *   split     on anything that is not a letter or digit, except that digit groups joined by
 *             hyphens or dots stay one token: a programme code "122-023-000" is one word.
 *   drop      a few function words (и, на, of, және …): they would match nearly every item.
 *   stem      Latin words: English Porter stemmer; words with a Kazakh-only letter: the Kazakh
 *             suffix stripper below; other Cyrillic words may be either language, so both the
 *             Russian Snowball stem and the Kazakh one are taken (and Russian alone when the word
 *             has a letter Kazakh words do not use).
 *
 * Matching is by prefix: a query word matches an item when one of its keys starts one of the
 * item's tokens ("жөнд" still finds "жөндеу" while typing). Both stemmers only strip endings, so a
 * word's stems are prefixes of the word; that is why an item stores the LONGER of its word's two
 * stems (the shorter one is a prefix of it: whatever starts the one starts the other) and a query
 * keeps the SHORTER one. Kazakh stems may end in a devoiced consonant (мектебі → мектеп), which is
 * no prefix: then both stems are kept on either side.
 */
import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as russianStem } from '@orama/stemmers/russian';
import type { Category } from './categories';

// Digit groups joined by "-", "." or "/" (codes, BINs with separators typed in) are one word.
const WORD = /\p{N}+(?:[-./]\p{N}+)+|[\p{L}\p{N}]+/gu;

/** The folded words of a text (NFC, lower case, ё → е; Kazakh letters stay distinct), in order. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .replace(/ё/g, 'е')
      .match(WORD)
      // "122.023/000" and "122-023-000" are the same code.
      ?.map((w) => (/^\p{N}/u.test(w) ? w.replace(/[./]/g, '-') : w)) ?? []
  );
}

/** Function words of kk, ru and en that carry no search meaning. */
const STOP_WORDS = new Set([
  'и',
  'в',
  'во',
  'на',
  'с',
  'со',
  'по',
  'для',
  'от',
  'до',
  'из',
  'к',
  'у',
  'о',
  'об',
  'және',
  'мен',
  'бен',
  'пен',
  'үшін',
  'of',
  'the',
  'and',
  'on',
  'in',
  'for',
  'to',
  'a',
  'at',
  'no',
  'is',
  'are',
  'it',
  'its',
  'not',
  'by',
  'with',
  'an',
  'не',
  'а',
  'емес',
]);

/**
 * Kazakh endings stripped by `kazakhStem` (40; no Kazakh stemmer exists on npm). Case endings in
 * their vowel-harmony and consonant-assimilation variants, the plural, and the third-person
 * possessive (also with the accusative "-сын/-ын" that follows it). Compound endings ("көшесіндегі"
 * = көше+сі+нде+гі) come apart by stripping repeatedly, longest ending first. Left out to stay at 40:
 * the ablative (-дан/-нан…), the instrumental (-мен: also the word "and"), first/second persons.
 */
export const KAZAKH_SUFFIXES: readonly string[] = [
  // plural
  'лар',
  'лер',
  'дар',
  'дер',
  'тар',
  'тер',
  // genitive
  'ның',
  'нің',
  'дың',
  'дің',
  'тың',
  'тің',
  // possessive 3rd person + accusative
  'сын',
  'сін',
  'ын',
  'ін',
  // locative (after a possessive "-нда" comes apart as -да, then -сын/-ын)
  'да',
  'де',
  'та',
  'те',
  // dative (also after a possessive: -на/-не)
  'ға',
  'ге',
  'қа',
  'ке',
  'на',
  'не',
  // accusative
  'ны',
  'ні',
  'ды',
  'ді',
  'ты',
  'ті',
  // possessive 3rd person
  'сы',
  'сі',
  'ы',
  'і',
  // "the one in/at": көшесіндегі, Тараздағы, мектептегі
  'дағы',
  'дегі',
  'тағы',
  'тегі',
].sort((a, b) => b.length - a.length);

/** A Kazakh stem keeps at least this many letters ("үйлер" stays, "жолдар" → "жол"). */
export const KAZAKH_MIN_STEM = 3;

/** Voiced stem ends before a vowel ending go back to the dictionary form: мектебі → мектеп. */
const DEVOICE: Readonly<Record<string, string>> = { б: 'п', г: 'к', ғ: 'қ' };
const VOWELS = new Set('аәеиоөуұүыіэюя');

/** The word with its Kazakh plural, possessive and case endings stripped (folded input). */
export function kazakhStem(word: string): string {
  let stem = word;
  let lastEnding = '';
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const suffix of KAZAKH_SUFFIXES) {
      if (stem.length - suffix.length >= KAZAKH_MIN_STEM && stem.endsWith(suffix)) {
        stem = stem.slice(0, -suffix.length);
        lastEnding = suffix;
        stripped = true;
        break;
      }
    }
  }
  const end = stem[stem.length - 1] ?? '';
  if (lastEnding && VOWELS.has(lastEnding[0]!) && DEVOICE[end]) stem = stem.slice(0, -1) + DEVOICE[end];
  return stem;
}

const KAZAKH_ONLY = /[әғқңөұүһі]/;
// Letters of Russian words that native Kazakh words do not have: no Kazakh stem for such a word.
const RUSSIAN_ONLY = /[вфцчщъьэ]/;
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[a-z]/;

/** The stems of one folded word (one or two; two only when neither starts the other). */
function stemsOf(word: string): string[] {
  if (/^\p{N}/u.test(word)) return [word];
  if (LATIN.test(word) && !CYRILLIC.test(word)) return [englishStem(word)];
  if (KAZAKH_ONLY.test(word)) return [kazakhStem(word)];
  if (!CYRILLIC.test(word)) return [word];
  const ru = russianStem(word);
  if (RUSSIAN_ONLY.test(word)) return [ru];
  const kk = kazakhStem(word);
  return ru === kk ? [ru] : [ru, kk];
}

const keep = (w: string) => w.length > 0 && !STOP_WORDS.has(w);

/** The one or two index tokens of a word: the longer stem, or both when neither starts the other. */
function tokensOfWord(word: string): string[] {
  const [a, b] = stemsOf(word);
  if (b === undefined) return [a!];
  if (a!.startsWith(b)) return [a!];
  if (b.startsWith(a!)) return [b];
  return [a!, b];
}

/** The search keys of a query word: the shorter stem, or both when neither starts the other. */
function keysOfWord(word: string): string[] {
  const [a, b] = stemsOf(word);
  if (b === undefined) return [a!];
  if (a!.startsWith(b)) return [b];
  if (b.startsWith(a!)) return [a!];
  return [a!, b];
}

/** At most this many distinct tokens an item: a 5,000-character description must not bloat the index. */
export const MAX_ITEM_TOKENS = 200;

/**
 * An item's index tokens from its texts, most important first (titles before descriptions): the
 * first MAX_ITEM_TOKENS distinct ones, sorted, without any token that starts another of the same
 * item (prefix matching finds the item through the longer one all the same).
 */
export function indexTokens(...texts: (string | undefined)[]): string[] {
  const found = new Set<string>();
  outer: for (const text of texts) {
    if (!text) continue;
    for (const word of words(text)) {
      if (!keep(word)) continue;
      for (const token of tokensOfWord(word)) {
        found.add(token);
        if (found.size >= MAX_ITEM_TOKENS) break outer;
      }
    }
  }
  const sorted = [...found].sort();
  // In sorted order a token that starts any other token is followed by one it starts.
  return sorted.filter((t, i) => !sorted[i + 1]?.startsWith(t));
}

/** The words of a query, each as its search keys (an item matches a word when a key starts one of its tokens). */
export function queryKeys(q: string): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const word of words(q)) {
    if (!keep(word)) continue;
    const keys = keysOfWord(word);
    // "дороги дорогу" asks for one thing twice.
    if (seen.has(keys.join(' '))) continue;
    seen.add(keys.join(' '));
    out.push(keys);
  }
  return out;
}

/** True when every query word has a key starting one of the item's tokens (the index's rule, without an index). */
export function tokensMatch(tokens: readonly string[], keys: readonly (readonly string[])[]): boolean {
  return keys.every((alternatives) => alternatives.some((k) => tokens.some((t) => t.startsWith(k))));
}

/**
 * Words of each category as people name it in kk, ru and en (the UI's labels, plus the everyday
 * word where the label is not one: "дорога" for roads). Indexed with the item, so "дорога Тараз"
 * finds road repairs in Taraz though their titles say "улица".
 */
export const CATEGORY_SEARCH_WORDS: Readonly<Record<Category, string>> = {
  roads: 'жолдар дороги roads',
  education: 'білім образование education',
  health: 'денсаулық здравоохранение health',
  land_relations: 'жер земля land',
  housing_utilities: 'тұрғын үй ЖКХ housing',
  water_supply: 'сумен водоснабжение water',
  culture_sport: 'мәдениет культура culture спорт sport',
  agriculture: 'ауыл шаруашылығы сельское хозяйство agriculture',
  social_protection: 'әлеуметтік социальная social',
  transport: 'көлік транспорт transport',
  other: '',
};
