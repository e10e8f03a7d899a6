/** The item panel's view logic, apart from the component so it is tested without a page. */
import type { ItemView } from '../../../shared/item';
import { toTiyn } from '../../../shared/money';
import { barPercent } from '../format';

type Amounts = ItemView['amounts'];

/** Each bar's width in percent: planned, contracted and spent on one scale, the widest is the full bar. */
export function moneyBarWidths({ planned, contracted, spent }: Amounts): Record<keyof Amounts, number> {
  const widest = [planned, contracted, spent].reduce((a, b) => (toTiyn(b) > toTiyn(a) ? b : a));
  return {
    planned: barPercent(planned, widest),
    contracted: barPercent(contracted, widest),
    spent: barPercent(spent, widest),
  };
}

/** Milestones by due date, earliest first (the item's own order is left as it is). */
export function sortedMilestones<M extends { due: string }>(milestones: readonly M[]): M[] {
  return [...milestones].sort((a, b) => a.due.localeCompare(b.due));
}

/** "lat, lon" with five decimals (about a metre) from a GeoJSON [lon, lat] point. */
export function coordinatesText([lon, lat]: readonly [number, number]): string {
  return `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
}
