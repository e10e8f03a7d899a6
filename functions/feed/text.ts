/**
 * Search text folding for titles in Kazakh, Russian and English. Lower-cases (Kazakh letters
 * ә ғ қ ң ө ұ ү һ і keep their identity, so "жол" and "жөл" stay different words), folds ё into е
 * as Russian readers do, and turns punctuation into spaces. Queries and indexed titles go through
 * the same function, so "ТАРАЗ" finds "Тараз".
 */
export function foldText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Distinct folded words of all the given texts, in first-seen order. */
export function tokenize(...texts: (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of foldText(text).split(' ')) if (word) out.add(word);
  }
  return [...out];
}
