/**
 * The geohash cells (byCell index, precision 5 ≈ 4.9 × 4.9 km) that cover a bounding box. A bbox
 * query reads each cell's partition; a box needing more than MAX_CELLS cells is refused, because
 * a region-wide list belongs to the area filter or the map feed, not to hundreds of queries.
 */
import ngeohash from 'ngeohash';
import { ValidationError } from '../api/problems';
import { CELL_PRECISION } from './items';

export const MAX_CELLS = 64;

export interface BBox {
  w: number;
  s: number;
  e: number;
  n: number;
}

/** Covering cells in a stable order (the cursor stores a position in this list). */
export function coverBox(bbox: BBox): string[] {
  // Precision 5 is 25 bits: 13 for longitude, 12 for latitude. Estimate first, so a world-sized
  // box is refused before anything enumerates its millions of cells.
  const cellWidth = 360 / 2 ** 13;
  const cellHeight = 180 / 2 ** 12;
  const estimate =
    (Math.ceil((bbox.e - bbox.w) / cellWidth) + 1) * (Math.ceil((bbox.n - bbox.s) / cellHeight) + 1);
  if (estimate > MAX_CELLS * 4) throw tooBig(estimate);
  const cells = ngeohash.bboxes(bbox.s, bbox.w, bbox.n, bbox.e, CELL_PRECISION).sort();
  if (cells.length > MAX_CELLS) throw tooBig(cells.length);
  return cells;
}

function tooBig(cells: number) {
  return new ValidationError(
    [
      {
        in: 'query',
        field: 'bbox',
        message: `the box needs ${cells} map cells, more than ${MAX_CELLS}; zoom in or filter by area`,
      },
    ],
    'The bounding box is too large for a list query.',
  );
}
