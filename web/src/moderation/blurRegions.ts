/**
 * The blur editor's arithmetic (issue 20, item 1), apart from the DOM so it is unit-tested: a
 * moderator drags rectangles over the photo as displayed (any size, pointer or touch), and the API
 * takes them in the published image's own pixels. Dragging in any direction gives the same
 * rectangle; it is clipped to the image; a slip of a few pixels (a tap) is not a region.
 */

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The API's limit (functions/api/routes/photo-blur.ts). */
export const MAX_REGIONS = 30;
/** Smaller than this on the image, a drag is taken for a tap. */
export const MIN_REGION_PX = 4;

export interface Size {
  width: number;
  height: number;
}

/**
 * The rectangle between two points given on the displayed photo (CSS pixels from its top left),
 * in the image's pixels: scaled, ordered, clipped, rounded outwards so the area dragged is covered.
 * Null when it is too small to be meant.
 */
export function regionFromDrag(
  a: { x: number; y: number },
  b: { x: number; y: number },
  shown: Size,
  natural: Size,
): Region | null {
  if (shown.width <= 0 || shown.height <= 0) return null;
  const sx = natural.width / shown.width;
  const sy = natural.height / shown.height;
  const clip = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const left = Math.floor(clip(Math.min(a.x, b.x) * sx, natural.width));
  const top = Math.floor(clip(Math.min(a.y, b.y) * sy, natural.height));
  const right = Math.ceil(clip(Math.max(a.x, b.x) * sx, natural.width));
  const bottom = Math.ceil(clip(Math.max(a.y, b.y) * sy, natural.height));
  const width = right - left;
  const height = bottom - top;
  if (width < MIN_REGION_PX || height < MIN_REGION_PX) return null;
  return { x: left, y: top, width, height };
}

/** The same region in displayed pixels, to draw the preview over the photo. */
export function regionOnScreen(r: Region, shown: Size, natural: Size): Region {
  const sx = shown.width / natural.width;
  const sy = shown.height / natural.height;
  return { x: r.x * sx, y: r.y * sy, width: r.width * sx, height: r.height * sy };
}

/** Adds a region unless the list is full (the caller says so); returns the new list. */
export function addRegion(list: readonly Region[], r: Region): { regions: Region[]; full: boolean } {
  if (list.length >= MAX_REGIONS) return { regions: [...list], full: true };
  return { regions: [...list, r], full: false };
}
