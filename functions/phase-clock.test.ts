import { describe, expect, it } from 'vitest';
import { noClock, phaseClock } from './phase-clock';

describe('phase clock', () => {
  it('adds each call to its phase, counting calls, and passes results through', async () => {
    const clock = phaseClock();
    expect(await clock.time('read', async () => 1)).toBe(1);
    expect(await clock.time('read', async () => 2)).toBe(2);
    expect(clock.timeSync('map', () => 'x')).toBe('x');
    expect([...clock.totals.keys()]).toEqual(['read', 'map']);
    expect(clock.totals.get('read')!.calls).toBe(2);
    expect(clock.totals.get('map')!.calls).toBe(1);
    for (const { ms } of clock.totals.values()) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('counts a call that throws, and rethrows its error', async () => {
    const clock = phaseClock();
    await expect(
      clock.time('write', async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(() =>
      clock.timeSync('map', () => {
        throw new Error('bad');
      }),
    ).toThrow('bad');
    expect(clock.totals.get('write')!.calls).toBe(1);
    expect(clock.totals.get('map')!.calls).toBe(1);
  });

  it('without a clock, runs the work and measures nothing', async () => {
    expect(await noClock.time('read', async () => 3)).toBe(3);
    expect(noClock.timeSync('map', () => 4)).toBe(4);
  });
});
