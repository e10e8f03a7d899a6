import { describe, expect, it } from 'vitest';
import { registeredKeys } from './i18n';

// Every feature's dictionary (ours and the plugged-in features'), loaded as the app loads them.
const modules = import.meta.glob('./**/strings.ts', { eager: true });

describe('UI strings', () => {
  it('loads at least the map strings', () => {
    expect(Object.keys(modules)).toContain('./strings.ts');
    expect(registeredKeys().kk.length).toBeGreaterThan(50);
  });

  it('has every registered key in Kazakh, Russian and English', () => {
    const { kk, ru, en } = registeredKeys();
    const all = [...new Set([...kk, ...ru, ...en])].sort();
    expect({ missingKk: all.filter((k) => !kk.includes(k)) }).toEqual({ missingKk: [] });
    expect({ missingRu: all.filter((k) => !ru.includes(k)) }).toEqual({ missingRu: [] });
    expect({ missingEn: all.filter((k) => !en.includes(k)) }).toEqual({ missingEn: [] });
  });
});
