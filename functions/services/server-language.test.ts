/**
 * No English and no broken Kazakh ending in what the server itself writes for people in kk and ru: the
 * e-mail and Telegram texts (shared/notify-texts.ts), the calendar feed and Open311 texts
 * (shared/server-texts.ts) and the printed complaint (escalation-template.ts) with its legal basis.
 * The browser test (test/e2e/no-english.test.ts) reads the pages; these texts never reach a page, so
 * they are read here, against the same allowlist of proper names and standards.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOTIFY_TEXT_KEYS, notifyText } from '../../shared/notify-texts';
import { SERVER_TEXT_KEYS, serverText } from '../../shared/server-texts';
import { questionSilenceBasis } from './escalation';
import { renderComplaint } from './escalation-template';

const ALLOWLIST = JSON.parse(
  readFileSync(new URL('../../web/src/locales/latin-allowlist.json', import.meta.url), 'utf8'),
) as { words: Record<string, string> };

/** Latin-script words outside the allowlist, once the `{placeholders}` are taken out. */
function english(text: string): string[] {
  const words = text.replace(/\{\w+\}/g, ' ').match(/[A-Za-z][A-Za-z0-9-]*/g) ?? [];
  // A lone letter is a prefix such as the «e» of «e-Өтініш», not a word.
  return words.filter((w) => w.replace(/-$/, '').length > 1 && !(w in ALLOWLIST.words));
}

/** A kk placeholder with a case ending or a postposition that needs one (as web/src/locales/grammar.test.ts). */
function kkEnding(text: string): string[] {
  const glued = [...text.matchAll(/\{\w+\}[»"”]?-?\p{L}+/gu)].map((m) => m[0]);
  const post = [
    ...text.matchAll(
      /\{\w+\}[»"”]?\s+(?:дейін|шейін|бойынша|кейін|соң|бұрын|бері|бастап|қарай|мен|бен|пен)(?!\p{L})/gu,
    ),
  ].map((m) => m[0]);
  return [...glued, ...post];
}

const LANGS = ['kk', 'ru'] as const;
const texts = LANGS.flatMap((lang) => [
  ...NOTIFY_TEXT_KEYS.map((key) => ({ where: `notify ${key} (${lang})`, lang, text: notifyText(key, lang) })),
  ...SERVER_TEXT_KEYS.map((key) => ({ where: `server ${key} (${lang})`, lang, text: serverText(key, lang) })),
]);

describe('server texts in kk and ru', () => {
  it('have texts to read', () => {
    expect(texts.length).toBeGreaterThan(60);
  });
  it('hold no English word outside the allowlist', () => {
    expect(texts.flatMap((t) => english(t.text).map((w) => `${t.where}: ${w}`))).toEqual([]);
  });
  it('attach no case ending or postposition to a kk placeholder', () => {
    const kk = texts.filter((t) => t.lang === 'kk');
    expect(kk.flatMap((t) => kkEnding(t.text).map((p) => `${t.where}: ${p}`))).toEqual([]);
  });
  it('the checks catch an English word and a glued kk ending', () => {
    expect(english('Мұндағы сұрақ eOtinish жүйесінде')).toEqual(['eOtinish']);
    expect(english('e-Өтініш жүйесінде, Telegram')).toEqual([]);
    expect(kkEnding('{body} органына жолданды')).toEqual([]);
    expect(kkEnding('{date} дейін ұзартылды')).not.toEqual([]);
  });
});

describe('the printed complaint in kk and ru', () => {
  it.each(LANGS)('has no English outside the facts it quotes (%s)', (lang) => {
    const html = renderComplaint(
      {
        addressee: { kind: 'prosecutor', name: 'Жамбыл облысының прокуратурасы' },
        lang,
        createdOn: '2026-12-02',
        complainantName: 'Айгерім Сейітова',
        proof: { recordKey: 'question/i1/q1', seq: 42, digest: 'ab12', entryHash: 'cd34' },
      },
      {
        kind: 'question',
        recordKey: 'question/i1/q1',
        itemTitle: { kk: 'Жол жөндеу', ru: 'Ремонт дороги' },
        body: { id: 'b1', name: { kk: 'Тараз қаласының әкімдігі', ru: 'Акимат города Тараз' } },
        text: 'Мәтін',
        dates: [
          { label: 'asked', date: '2026-10-01' },
          { label: 'due', date: '2026-10-22' },
        ],
        legalBasis: questionSilenceBasis('2026-10-22'),
      },
      { verifyUrl: 'https://hub.example/verify' },
    );
    // What a reader sees: no style sheet, no tags, and not the values quoted from the record
    // (record key, hashes, the verification link), which are identifiers, not words.
    const shown = html
      .replace(/<style>[\s\S]*?<\/style>/, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/question\/i1\/q1|ab12|cd34|https:\/\/hub\.example\/verify/g, ' ')
      .replace(/&\w+;/g, ' ');
    expect(english(shown)).toEqual([]);
  });
});
