/**
 * When the map fetches MapLibre (pure, so it is tested without a browser; ./mapView.ts applies it).
 * MapLibre is about 290 KB gzipped and seconds of CPU on a phone: it loads once, after `load`, for a
 * map the reader sees — not while the map is hidden, nor while a page covers it (an item's sheet on
 * a phone), and never gated on a gesture or a timer.
 */

/** Whether MapLibre may be fetched now: once, after `load`, with the map on screen and not held. */
export function mayStartMap(m: {
  state: 'waiting' | 'loading' | 'started' | 'failed' | 'destroyed';
  readyState: DocumentReadyState;
  visible: boolean;
  held: boolean;
}): boolean {
  return m.state === 'waiting' && m.readyState === 'complete' && m.visible && !m.held;
}
