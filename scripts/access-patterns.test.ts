import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README, withAccessPatterns } from './access-patterns';

describe('functions/README.md access patterns', () => {
  it('equal what the entity definitions generate (run npm run docs:access-patterns)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(withAccessPatterns(readme)).toBe(readme);
  });
});
