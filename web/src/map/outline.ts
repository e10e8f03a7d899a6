/**
 * The map's static first paint: the region's outline (built from web/public/zhambyl.geojson at
 * build time) and the district names, placed where MapLibre will draw them once it has loaded
 * (same Mercator projection, same 16 px padding), so the switch is not a jump.
 */
import outline from 'virtual:region-outline';
import { AREAS } from '../../../shared/areas';
import { type Lang, pickText } from '../../../shared/i18n-text';

/**
 * The outline as an image (an SVG data URL) rather than inline SVG: an image is a candidate for
 * Largest Contentful Paint and inline SVG is not, so the page's LCP is this first paint of the map
 * itself, not whichever small text arrives last (the data's freshness line, after its request).
 * Its colours are the live map's region layers (./maplibreMap.ts); the stroke keeps its 2 px at any size.
 */
const OUTLINE_IMAGE = `data:image/svg+xml,${encodeURIComponent(
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${outline.width} ${outline.height}">` +
    `<path d="${outline.path}" fill="#fbfaf5" fill-opacity="0.9" stroke="#3d5a80" stroke-width="2" vector-effect="non-scaling-stroke"/></svg>`,
)}`;
const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

export function renderOutline(lang: Lang): HTMLElement {
  const [west, south, east, north] = outline.bbox;
  const wrap = document.createElement('div');
  wrap.className = 'map-outline';
  wrap.setAttribute('aria-hidden', 'true');
  const box = document.createElement('div');
  box.className = 'map-outline-box';
  // The box keeps the outline's proportions (CSS reads the ratio from this property).
  box.style.setProperty('--outline-ratio', String(outline.width / outline.height));
  const image = document.createElement('img');
  image.alt = '';
  image.src = OUTLINE_IMAGE;
  box.append(image);
  const top = mercatorY(north);
  const span = top - mercatorY(south);
  for (const area of AREAS) {
    const label = document.createElement('span');
    label.className = 'map-outline-label';
    label.textContent = pickText(area.name, lang);
    label.style.left = `${(((area.lon - west) / (east - west)) * 100).toFixed(2)}%`;
    label.style.top = `${(((top - mercatorY(area.lat)) / span) * 100).toFixed(2)}%`;
    box.append(label);
  }
  wrap.append(box);
  return wrap;
}
