import { describe, expect, it } from 'vitest';
import { EotinishInput, fillTemplate, TemplateInput } from '../functions/api/schemas/inbox';

describe('fillTemplate', () => {
  it('fills the known placeholders from the question', () => {
    expect(
      fillTemplate('Құрметті {asker}, жауап {dueOn} дейін.', { asker: 'Айгерім', dueOn: '15.04.2026' }),
    ).toBe('Құрметті Айгерім, жауап 15.04.2026 дейін.');
  });

  it('leaves unknown and unfilled placeholders as typed, so the official sees them', () => {
    expect(fillTemplate('{asker} / {item} / {unknown}', { asker: 'A' })).toBe('A / {item} / {unknown}');
  });
});

describe('template and registration input', () => {
  it('needs a text in kk or ru', () => {
    expect(TemplateInput.safeParse({ title: 'x', text: {} }).success).toBe(false);
    expect(TemplateInput.safeParse({ title: 'x', text: { ru: 'Ответ' } }).success).toBe(true);
  });

  it('takes an eOtinish number with Cyrillic letters and refuses one with spaces', () => {
    expect(EotinishInput.safeParse({ number: 'ЖТ-2026-000123', registeredOn: '2026-04-06' }).success).toBe(
      true,
    );
    expect(EotinishInput.safeParse({ number: 'ЖТ 2026', registeredOn: '2026-04-06' }).success).toBe(false);
  });
});
