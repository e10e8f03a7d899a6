import { OpenAPIHono, z } from '@hono/zod-openapi';
import { almatyDate } from '../../../shared/dates';
import { getItemWithFlags, toItemView } from '../../data/items';
import { listItems } from '../../data/list-items';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { NotFoundError } from '../problems';
import { ItemView, Ulid } from '../schemas/item';
import { FilterListQuery, parseStatsFilters } from '../schemas/stats-filters';
import { feedView, filterContext } from './feed-view';

const ItemPage = z.object({
  items: z.array(ItemView),
  next: z.string().optional().describe('Cursor of the next page; absent on the last page'),
});

export const itemRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/items',
      tags: ['items'],
      summary: 'Budget items matching filters, a page at a time',
      description:
        'The filters of GET /api/stats and the exports, with the same meaning, so the pages list exactly the ' +
        'items those total: lists are comma-separated (any value matches), filters combine with AND. `bbox` ' +
        'is "west,south,east,north" (at most a city-sized box); `q` matches words of titles, descriptions, ' +
        'contractor, BIN, programme code and address in Kazakh, Russian or English; `ids` fetches up to 200 ' +
        'items by id. Pass `next` from a page as `cursor` to get the following page.',
      request: { query: FilterListQuery },
      responses: {
        200: { description: 'A page of items', content: { 'application/json': { schema: ItemPage } } },
        ...problemResponses(400, 503),
      },
    }),
    async (c) => {
      const { cursor, limit, ...query } = c.req.valid('query');
      const filters = parseStatsFilters(query);
      const page = await listItems(c.var.deps.store, filters, {
        limit,
        cursor,
        search: async () => (await feedView(c)).index,
        context: filterContext(c),
      });
      const today = almatyDate(c.var.deps.now());
      return c.json(
        { items: page.items.map((i) => toItemView(i, today)), ...(page.next ? { next: page.next } : {}) },
        200,
      );
    },
  )
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/items/{id}',
      tags: ['items'],
      summary: 'One budget item with its execution figures',
      request: { params: z.object({ id: Ulid }) },
      responses: {
        200: { description: 'The item', content: { 'application/json': { schema: ItemView } } },
        ...problemResponses(400, 404, 503),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await getItemWithFlags(c.var.deps.store, id);
      if (!found) throw new NotFoundError(`No item ${id}.`);
      return c.json(toItemView(found.item, almatyDate(c.var.deps.now()), found.flags), 200);
    },
  );
