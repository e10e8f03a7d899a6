/** Totals of planned, contracted and spent money for a filter, from the search index (not the table). */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { AREA_CODES } from '../../../shared/areas';
import { CATEGORIES } from '../../../shared/categories';
import { ItemFilterQuery, parseItemFilters } from '../../../shared/item-filters';
import { KztAmount } from '../../../shared/money';
import { searchItems } from '../../feed/search';
import { sumStats } from '../../feed/stats';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { feedView } from './feed-view';

const Totals = z.object({
  count: z.number().int(),
  planned: KztAmount,
  contracted: KztAmount,
  spent: KztAmount,
});
const ItemStats = z
  .object({
    totals: Totals,
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
    description: 'Takes the same filters as GET /api/items. Amounts are exact KZT decimal strings.',
    request: { query: ItemFilterQuery },
    responses: {
      200: { description: 'Totals for the filter', content: { 'application/json': { schema: ItemStats } } },
      ...problemResponses(400, 503),
    },
  }),
  async (c) => {
    const filters = parseItemFilters(c.req.valid('query'));
    const { index } = await feedView(c);
    return c.json(sumStats(searchItems(index, filters)), 200);
  },
);
