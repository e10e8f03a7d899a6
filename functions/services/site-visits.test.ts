import { describe, expect, it } from 'vitest';
import { exifDay, presenceSignals } from './site-visits';

const item = { location: { point: [71.37, 42.9] } } as Parameters<typeof presenceSignals>[0];
const near = { uploadId: 'u1', lat: 42.9, lon: 71.3702 };

describe("a photo's capture time against the visit's date", () => {
  it('reads the EXIF day and refuses an empty camera clock', () => {
    expect(exifDay('2026:05:14 10:22:01')).toBe('2026-05-14');
    expect(exifDay('0000:00:00 00:00:00')).toBeUndefined();
    expect(exifDay(undefined)).toBeUndefined();
  });

  it('keeps a near photo taken on the visit day on site', () => {
    const [photo] = presenceSignals(
      item,
      undefined,
      [{ ...near, takenAt: '2026:05:14 10:22:01' }],
      '2026-05-14',
    );
    expect(photo).toMatchObject({ source: 'photo', onSite: true, takenOn: 'visit_day' });
  });

  it('does not place the visit on site by a near photo taken on another day', () => {
    const [photo] = presenceSignals(
      item,
      undefined,
      [{ ...near, takenAt: '2025:09:01 08:00:00' }],
      '2026-05-14',
    );
    expect(photo).toMatchObject({ source: 'photo', onSite: false, takenOn: 'other_day' });
  });

  it('says nothing of the day when the photo has no capture time', () => {
    const [photo] = presenceSignals(item, undefined, [near], '2026-05-14');
    expect(photo).toEqual({ source: 'photo', withinMetres: expect.any(Number), onSite: true });
  });
});
