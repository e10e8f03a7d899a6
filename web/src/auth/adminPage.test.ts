import { describe, expect, it } from 'vitest';
import { newBodyRequest } from './adminPage';

describe("the admin's new-body form", () => {
  it('sends the trimmed id and only the names, area and parent that were filled in', () => {
    expect(
      newBodyRequest({
        id: ' zha-roads2 ',
        kk: ' Жолдар ',
        ru: '',
        en: 'Roads',
        area: '',
        parentId: 'zha-akimat',
      }),
    ).toEqual({ id: 'zha-roads2', name: { kk: 'Жолдар', en: 'Roads' }, parentId: 'zha-akimat' });
  });
});
