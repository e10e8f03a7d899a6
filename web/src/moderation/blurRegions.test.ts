import { describe, expect, it } from 'vitest';
import { addRegion, MAX_REGIONS, regionFromDrag, regionOnScreen } from './blurRegions';

const shown = { width: 320, height: 240 };
const natural = { width: 1280, height: 960 };

describe('a blur region dragged on the displayed photo', () => {
  it("is in the image's own pixels whichever way it was dragged", () => {
    const r = { x: 40, y: 32, width: 120, height: 80 };
    expect(regionFromDrag({ x: 10, y: 8 }, { x: 40, y: 28 }, shown, natural)).toEqual(r);
    expect(regionFromDrag({ x: 40, y: 28 }, { x: 10, y: 8 }, shown, natural)).toEqual(r);
  });

  it('is clipped to the image when the drag leaves it', () => {
    expect(regionFromDrag({ x: 300, y: 200 }, { x: 400, y: -50 }, shown, natural)).toEqual({
      x: 1200,
      y: 0,
      width: 80,
      height: 800,
    });
  });

  it('is no region when it is a tap', () => {
    expect(regionFromDrag({ x: 10, y: 10 }, { x: 10.5, y: 30 }, shown, natural)).toBeNull();
  });

  it('is drawn back where it was dragged', () => {
    const r = regionFromDrag({ x: 10, y: 8 }, { x: 40, y: 28 }, shown, natural)!;
    expect(regionOnScreen(r, shown, natural)).toEqual({ x: 10, y: 8, width: 30, height: 20 });
  });

  it('stops at the API limit of regions', () => {
    const one = { x: 0, y: 0, width: 8, height: 8 };
    const full = Array.from({ length: MAX_REGIONS }, () => one);
    expect(addRegion(full, one)).toEqual({ regions: full, full: true });
    expect(addRegion([], one)).toEqual({ regions: [one], full: false });
  });
});
