import { describe, expect, it } from 'vitest';
import { EMPTY_TEMPLATE_FORM, templateFormValues, templateInput } from './templateForm';

describe('the answer template form', () => {
  it('opens a template in kk only for a change with the ru box empty', () => {
    expect(templateFormValues({ title: 'Repair', text: { kk: 'Жөндеу {dueOn}' } })).toEqual({
      title: 'Repair',
      kk: 'Жөндеу {dueOn}',
      ru: '',
    });
  });

  it('sends only the languages that have text, the title trimmed', () => {
    expect(templateInput({ title: ' Repair ', kk: '  ', ru: 'Ремонт до {dueOn}' })).toEqual({
      title: 'Repair',
      text: { ru: 'Ремонт до {dueOn}' },
    });
    expect(templateInput(EMPTY_TEMPLATE_FORM).text).toEqual({});
  });
});
