import { describe, expect, it } from 'vitest';
import { type VisitFields, visitInput, visitPhotos } from './viewLogic';

const fields = (over: Partial<VisitFields> = {}): VisitFields => ({
  visitedOn: '2026-12-01',
  verdict: 'matches',
  stance: '',
  updateId: '',
  note: '',
  results: {},
  positionConsent: false,
  ...over,
});
const opts = { positionsAllowed: false, consentVersion: 'v1' };
const position = { lat: 42.9, lon: 71.37, accuracy: 20, at: '2026-12-01T05:00:00.000Z' };

describe('the visit form sends', () => {
  it('nothing when no point is checked', () => {
    expect(visitInput(fields(), ['works_under_way', 'signboard'], opts)).toBeNull();
  });

  it('the checked points in the checklist order, skipping the others, with the trimmed note', () => {
    const input = visitInput(
      fields({
        results: { signboard: 'problem', works_under_way: 'ok', site_safety: '' },
        note: '  broken sign ',
      }),
      ['works_under_way', 'site_safety', 'signboard'],
      opts,
    );
    expect(input).toEqual({
      visitedOn: '2026-12-01',
      verdict: 'matches',
      checks: [
        { point: 'works_under_way', result: 'ok' },
        { point: 'signboard', result: 'problem' },
      ],
      note: 'broken sign',
    });
  });

  it('the milestone stance and the checked update when chosen', () => {
    const input = visitInput(
      fields({ results: { signboard: 'ok' }, stance: 'contest:m-roof', updateId: '01JUPDATE' }),
      ['signboard'],
      opts,
    );
    expect(input).toMatchObject({
      milestone: { milestoneId: 'm-roof', stance: 'contest' },
      updateId: '01JUPDATE',
    });
  });

  it('the position only when positions are allowed, and the consent version when ticked here', () => {
    const checked = fields({ results: { signboard: 'ok' } });
    expect(visitInput(checked, ['signboard'], { ...opts, position })).not.toHaveProperty('position');
    const ticked = visitInput({ ...checked, positionConsent: true }, ['signboard'], {
      ...opts,
      position,
      positionsAllowed: true,
    });
    expect(ticked).toMatchObject({ position, positionConsent: 'v1' });
  });

  it('the photos of checked points only', () => {
    const a = new File(['a'], 'a.jpg');
    const b = new File(['b'], 'b.jpg');
    const photos = visitPhotos({ results: { signboard: 'problem' } }, ['works_under_way', 'signboard'], {
      works_under_way: [a],
      signboard: [b],
    });
    expect(photos).toEqual([{ point: 'signboard', blob: b, name: 'b.jpg' }]);
  });
});
