/**
 * `npm run lint:terms`: fails on a forbidden variant of a term (shared/terminology.json) in the UI
 * catalogues, the server's user-facing texts (calendar feed, Open311) and the demo files listed there.
 * A catalogue is checked against its own language's variants; other files against every language's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import terminology from '../shared/terminology.json' with { type: 'json' };

const ROOT = resolve(import.meta.dirname, '..');

export interface Forbidden {
  concept: string;
  lang: string;
  pattern: RegExp;
  why: string;
}
export interface TermViolation {
  file: string;
  line: number;
  found: string;
  concept: string;
  why: string;
}

export function forbiddenVariants(): Forbidden[] {
  return terminology.concepts.flatMap((c) =>
    ((c as { forbidden?: { lang: string; pattern: string; why: string }[] }).forbidden ?? []).map((f) => ({
      concept: c.id,
      lang: f.lang,
      pattern: new RegExp(f.pattern, 'giu'),
      why: f.why,
    })),
  );
}

/** A source line that holds one language's text (`kk: '…'`), so only that language's variants apply. */
const LANG_LINE = /^\s*['"]?(kk|ru|en)['"]?\s*:/;

/**
 * Every forbidden variant in `text`; `lang` limits the check to that language's variants. Without
 * `lang` (a source file with texts in every language) a line written as `kk: '…'` is checked against
 * that language's variants and any other line against all, so an English `eOtinish` or a Kazakh
 * «аккаунт» is not taken for a Russian mistake.
 */
export function findViolations(file: string, text: string, lang?: string): TermViolation[] {
  const out: TermViolation[] = [];
  const variants = forbiddenVariants();
  text.split('\n').forEach((line, i) => {
    const lineLang = lang ?? LANG_LINE.exec(line)?.[1];
    for (const f of variants) {
      if (lineLang && f.lang !== lineLang) continue;
      for (const m of line.matchAll(f.pattern))
        out.push({ file, line: i + 1, found: m[0], concept: f.concept, why: f.why });
    }
  });
  return out;
}

/** The files the lint covers (relative to the repo root) with the language each is checked against. */
export function lintedFiles(): { file: string; lang?: string }[] {
  const { catalogues, serverTexts, demoFiles } = terminology.lint;
  return [
    ...catalogues.map((file) => ({ file, lang: /\/(kk|ru|en)\.json$/.exec(file)?.[1] })),
    ...[...serverTexts, ...demoFiles].map((file) => ({ file })),
  ];
}

export function lintTerms(): TermViolation[] {
  return lintedFiles()
    .filter(({ file }) => existsSync(resolve(ROOT, file)))
    .flatMap(({ file, lang }) => findViolations(file, readFileSync(resolve(ROOT, file), 'utf8'), lang));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const found = lintTerms();
  for (const v of found) console.error(`${v.file}:${v.line}: «${v.found}» (${v.concept}): ${v.why}`);
  if (found.length) {
    console.error(`${found.length} forbidden term variant(s); see shared/terminology.json.`);
    process.exit(1);
  }
  console.log(`Terminology: ${lintedFiles().length} files checked, no forbidden variants.`);
}
