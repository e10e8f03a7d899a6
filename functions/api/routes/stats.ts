/**
 * Totals of planned, contracted and spent money for the map's filters, from the search index (not
 * the table); only `overdue=1` adds a read: the one index query behind GET /api/map/overdue.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { AREA_CODES } from '../../../shared/areas';
import { CATEGORIES } from '../../../shared/categories';
import { searchForStats } from '../../feed/search';
import { sumStats } from '../../feed/stats';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { KztAmount } from '../schemas/money';
import { parseStatsFilters, StatsQuery } from '../schemas/stats-filters';
import { feedView, filterContext } from './feed-view';

const Totals = z.object({
  count: z.number().int(),
  planned: KztAmount,
  contracted: KztAmount,
  spent: KztAmount,
});
const ItemStats = z
  .object({
    totals: Totals,
    flagged: z.number().int().describe('items with at least one risk flag (shared/flags.ts)'),
    byArea: z.array(Totals.extend({ area: z.enum(AREA_CODES) })),
    byCategory: z.array(Totals.extend({ category: z.enum(CATEGORIES) })),
  })
  .openapi('ItemStats');

export const statsRoutes = new OpenAPIHono<AppEnv>().openapi(
  defineRoute('stats.read', {
    method: 'get',
    path: '/stats',
    tags: ['items'],
    summary: 'Totals planned / contracted / spent and item counts, by area and by category',
    description:
      'Takes every filter the map applies, so the totals match the pins shown: area, category, status, ' +
      'state, year and body are comma-separated lists (as GET /api/items and the exports take them) (any value matches; filters combine with AND); ' +
      '`state` is the execution state today in Asia/Almaty; `minAmount`/`maxAmount` bound the planned ' +
      'amount in whole KZT, inclusive, rounded as the map feed rounds it; `overdue=1` keeps items with a ' +
      'question past its legal due date (as GET /api/map/overdue). Amounts are exact KZT decimal strings.',
    request: { query: StatsQuery },
    responses: {
      200: { description: 'Totals for the filter', content: { 'application/json': { schema: ItemStats } } },
      ...problemResponses(400, 503),
    },
  }),
  async (c) => {
    const filters = parseStatsFilters(c.req.valid('query'));
    const [ctx, { index }] = await Promise.all([filterContext(c)(filters), feedView(c)]);
    return c.json(sumStats(searchForStats(index, filters, ctx)), 200);
  },
);
