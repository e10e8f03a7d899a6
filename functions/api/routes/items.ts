import { OpenAPIHono, z } from '@hono/zod-openapi';
import { almatyDate } from '../../../shared/dates';
import { ItemView, Ulid } from '../../../shared/item';
import { getItem, toItemView } from '../../data/items';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { NotFoundError } from '../problems';

export const itemRoutes = new OpenAPIHono<AppEnv>().openapi(
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
    const item = await getItem(c.var.deps.store, id);
    if (!item) throw new NotFoundError(`No item ${id}.`);
    return c.json(toItemView(item, almatyDate(c.var.deps.now())), 200);
  },
);
