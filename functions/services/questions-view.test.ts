import { describe, expect, it } from 'vitest';
import type { Question } from '../../shared/questions';
import { toQuestionView } from './questions';

// Early clients could send free upload keys with a new question; nothing checked them.
const legacy: Question = {
  id: '01JQ0000000000000000000000',
  itemId: 'demo-item',
  itemTitle: { kk: 'Нысан', ru: 'Объект' },
  bodyId: 'zha-roads',
  askerSub: 'asker-sub',
  askerName: 'Асқар',
  text: 'Жұмыс қашан аяқталады?',
  attachments: ['not-an-upload/../secret.pdf'],
  status: 'received',
  receivedOn: '2026-03-02',
  dueOn: '2026-04-01',
  redirects: [],
  answers: [],
  createdAt: '2026-03-02T05:00:00.000Z',
  updatedAt: '2026-03-02T05:00:00.000Z',
  version: 1,
};

describe('a question as the public sees it', () => {
  it('never shows the unchecked file keys an old record may carry', () => {
    expect(toQuestionView(legacy, '2026-03-03')).not.toHaveProperty('attachments');
  });
});
