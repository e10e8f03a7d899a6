import { describe, expect, it } from 'vitest';
import { formatDate } from '../format';
import { setLang } from '../i18n';
import { freshnessLine, itemAsOf } from './freshness';

describe('freshness lines', () => {
  it('says when a sync refreshed the data, in Almaty’s calendar day', () => {
    setLang('en');
    // 20:30 UTC on 1 June is already 2 June in Almaty.
    const line = freshnessLine(
      { refreshedAt: '2026-06-01T20:30:00Z', changedAt: null, source: 'goszakup-sync' },
      'en',
    );
    expect(line).toContain(formatDate('2026-06-02', 'en'));
    expect(line).not.toMatch(/demo/i);
  });
  it('labels the demo date as demo data, and says nothing before any refresh', () => {
    setLang('en');
    expect(
      freshnessLine({ refreshedAt: '2026-11-01T06:00:00Z', changedAt: null, source: 'demo' }, 'en'),
    ).toMatch(/demo/i);
    expect(freshnessLine({ refreshedAt: null, changedAt: null, source: null }, 'en')).toBeNull();
  });
  it('gives an item its own date', () => {
    setLang('kk');
    expect(itemAsOf('2026-04-01T05:00:00Z', 'kk')).toContain(formatDate('2026-04-01', 'kk'));
  });
});
