import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  argumentNames,
  CATALOGUE_LANGS,
  compileCatalogues,
  compileMessage,
  readCatalogue,
} from '../../build/messages';

const catalogues = Object.fromEntries(CATALOGUE_LANGS.map((lang) => [lang, readCatalogue(lang)]));
const allKeys = [...new Set(Object.values(catalogues).flatMap((c) => Object.keys(c)))].sort();

function catalogueDir(files: Record<string, Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalogues-'));
  for (const [lang, messages] of Object.entries(files))
    writeFileSync(join(dir, `${lang}.json`), JSON.stringify(messages));
  return dir;
}

describe('UI text catalogues', () => {
  it('has every key in Kazakh, Russian and English', () => {
    const missing = Object.fromEntries(
      CATALOGUE_LANGS.map((lang) => [lang, allKeys.filter((k) => !(k in catalogues[lang]!))]),
    );
    expect(missing).toEqual({ kk: [], ru: [], en: [] });
    expect(allKeys.length).toBeGreaterThan(400);
  });

  it('has only valid ICU messages', () => {
    const bad: string[] = [];
    for (const lang of CATALOGUE_LANGS)
      for (const [key, message] of Object.entries(catalogues[lang]!)) {
        try {
          compileMessage(key, message);
        } catch (e) {
          bad.push(`${lang}: ${(e as Error).message}`);
        }
      }
    expect(bad).toEqual([]);
  });

  it('uses the same arguments for a key in every language', () => {
    const differing = allKeys.filter((key) => {
      const [first, ...rest] = CATALOGUE_LANGS.map((lang) => argumentNames(catalogues[lang]![key] ?? ''));
      return rest.some((names) => names.join() !== first!.join());
    });
    expect(differing).toEqual([]);
  });

  it('refuses to build when a language lacks a key', () => {
    const dir = catalogueDir({ kk: { a: 'а', b: 'б' }, ru: { a: 'а', b: 'б' }, en: { a: 'a' } });
    expect(() => compileCatalogues(dir)).toThrow('en.json lacks b');
  });

  it('refuses to build on a message that is not valid ICU', () => {
    const dir = catalogueDir({ kk: { a: '{n, plural, one {#}' }, ru: { a: 'а' }, en: { a: 'a' } });
    expect(() => compileCatalogues(dir)).toThrow('message "a" is not valid ICU MessageFormat');
  });
});
