import { describe, expect, it } from 'vitest';
import { findViolations, lintedFiles, lintTerms } from './lint-terms';

const found = (text: string, lang = 'kk') => findViolations('x.json', text, lang).map((v) => v.concept);

describe('terminology lint', () => {
  it.each([
    ['«Әкімшілік» for the admin page', '"auth.admin.link": "Әкімшілік"', 'system_admin'],
    ['«Әкімші» for the system admin', '"auth.role.admin": "Әкімші"', 'system_admin'],
    ['«Тоқтатылған» for suspended', '"status.suspended": "Тоқтатылған"', 'suspended'],
    ['«Алматы уақыты»', 'Басталуы (Алматы уақыты)', 'astana_time'],
  ])('fails on %s', (_case, text, concept) => {
    expect(found(text)).toContain(concept);
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
