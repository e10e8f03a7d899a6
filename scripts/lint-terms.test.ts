import { describe, expect, it } from 'vitest';
import { findViolations, lintedFiles, lintTerms } from './lint-terms';

const found = (text: string, lang = 'kk') => findViolations('x.json', text, lang).map((v) => v.concept);

describe('terminology lint', () => {
  it.each([
    ['«Әкімшілік» for the admin page', '"auth.admin.link": "Әкімшілік"', 'system_admin'],
    ['«Әкімші» for the system admin', '"auth.role.admin": "Әкімші"', 'system_admin'],
    ['«Тоқтатылған» for suspended', '"status.suspended": "Тоқтатылған"', 'suspended'],
    ['«Алматы уақыты»', 'Басталуы (Алматы уақыты)', 'astana_time'],
    ['«лента» on a Kazakh screen', '"notify.feed.title": "Менің лентам"', 'feed'],
    ['a question «қабылданды» on arrival', "kk: 'Сұрағыңыз қабылданды: {item}',", 'received'],
    ['the day a question was «алынған»', '"x": "сұрақ алынған күн"', 'received'],
    ['eOtinish in Latin on a Kazakh screen', '"x": "eOtinish жүйесінде тіркелді"', 'e_otinish'],
  ])('fails on %s', (_case, text, concept) => {
    expect(found(text)).toContain(concept);
  });
  it.each([
    ['«аккаунт» on a Russian screen', '"telegram.notLinked": "Ваш аккаунт не привязан"', 'account'],
    ['«дата получения» of a question', '"x": "дата получения вопроса"', 'received'],
    ['«цепочка аудита»', '"x": "записано в цепочку аудита"', 'audit_log'],
  ])('fails in Russian on %s', (_case, text, concept) => {
    expect(found(text, 'ru')).toContain(concept);
  });
  it.each([
    ['the system admin', 'Жүйе әкімшісі'],
    ['the administrator of budget programmes', 'бюджеттік бағдарламалардың әкімшісі'],
    ["the Code's own name", 'Әкімшілік рәсімдік-процестік кодекс'],
    ['suspended as the glossary writes it', 'Уақытша тоқтатылған'],
  ])('lets %s pass', (_case, text) => {
    expect(found(text)).toEqual([]);
  });
  it('checks a catalogue only against its own language', () => {
    expect(found('Срок скоро', 'kk')).toEqual([]);
    expect(found('Срок скоро', 'ru')).toEqual(['overdue_due_soon']);
  });
  it('checks a `kk:` / `ru:` / `en:` line of a source file against that language only', () => {
    const source = [
      "  kk: 'Аккаунт байланыстырылды',",
      "  ru: 'Ваш аккаунт',",
      "  en: 'Registered in eOtinish',",
    ];
    const at = (text: string) => findViolations('x.ts', text).map((v) => `${v.line}:${v.concept}`);
    expect(at(source.join('\n'))).toEqual(['2:account']);
    // A line without a language key is checked against every language.
    expect(at('// eOtinish')).toEqual(['1:e_otinish', '1:e_otinish']);
  });
  it("lets the answer's «алынған күні» and a key named eotinish pass", () => {
    expect(found('"evidence.escalate.answered": "Жауап алынған күні"')).toEqual([]);
    expect(found('"hubops.desk.eotinish": "e-Өтініш жүйесінде тіркелді"')).toEqual([]);
  });
  it('covers the catalogues, the calendar feed and Open311 texts', () => {
    expect(lintedFiles().map((f) => f.file)).toEqual(
      expect.arrayContaining([
        'web/src/locales/kk.json',
        'web/src/locales/ru.json',
        'functions/api/routes/sessions.ts',
        'functions/api/routes/open311.ts',
      ]),
    );
  });
  it('finds no forbidden variant in the linted files today', () => {
    expect(lintTerms()).toEqual([]);
  });
});
