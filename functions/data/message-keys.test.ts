import { describe, expect, it } from 'vitest';
import { hasNotifyText } from '../../shared/notify-texts';
import { currentMessageKey } from './notifications';

describe('message keys stored before the keys were named by the domain', () => {
  it('read under the key that has the text today (feed entries and parked digest lines live a year)', () => {
    for (const stored of [
      'notify7.moderation.flagged',
      'notify7.grant.role.grant',
      'notify8.club.agenda-published',
      'notify8.item.status-changed',
      'notify9.item.created.area',
      'notify9.ops.dlq-nonempty',
    ]) {
      const key = currentMessageKey(stored);
      expect(key).not.toMatch(/^notify/);
      expect(hasNotifyText(`${key}.subject`), key).toBe(true);
    }
  });

  it('leave keys that never had a round prefix as they are', () => {
    expect(currentMessageKey('question.extended')).toBe('question.extended');
  });
});
