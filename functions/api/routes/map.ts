/**
 * The map feed: points and shapes of every item from the published snapshot — never read from the
 * table per request. Precomputed gzip bytes, a strong ETag, a short max-age that must revalidate.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AREA_CODES } from '../../../shared/areas';
import { CATEGORIES, ITEM_STATUSES } from '../../../shared/categories';
import { almatyDate } from '../../../shared/dates';
import { EXECUTION_STATES } from '../../../shared/execution';
import { overdueItemIds } from '../../data/questions';
import type { FeedArtifact } from '../../feed/reader';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { feedView } from './feed-view';

/** Seconds a client may reuse the feed before revalidating (a 304 costs a few bytes). */
export const FEED_MAX_AGE = 5;
/** Seconds the overdue list may be reused: a question turns overdue at most once a day. */
export const OVERDUE_MAX_AGE = 60;

const Point = z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) });
const MapFeed = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: Point,
        properties: z.object({
          id: z.string().describe('item id'),
          c: z.enum(CATEGORIES).describe('category'),
          s: z.enum(ITEM_STATUSES).describe('status'),
          x: z.enum(EXECUTION_STATES).describe('execution state on the day the feed was built'),
          e: z.number().describe('execution percent, one decimal'),
          p: z.number().int().describe('planned amount in whole KZT'),
          a: z.enum(AREA_CODES).describe('area'),
          y: z.number().int().describe('fiscal year'),
          b: z.string().describe('responsible body id'),
          o: z.literal(1).optional().describe('1 when a question to the body is overdue'),
        }),
      }),
    ),
  })
  .openapi('MapFeed');
const Shapes = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({ type: z.enum(['LineString', 'Polygon']), coordinates: z.array(z.any()) }),
        properties: z.object({ id: z.string(), c: z.enum(CATEGORIES) }),
      }),
    ),
  })
  .openapi('MapShapes');
const OverdueItems = z
  .object({ ids: z.array(z.string()).describe('ids of items with a question past its legal due date today') })
  .openapi('OverdueItems');

const cached = {
  200: { description: 'The collection (gzip when accepted), with ETag' },
  304: { description: 'Not modified since the ETag in If-None-Match' },
};

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}

/** Serves precomputed bytes: 304 on a matching ETag, gzip to clients that accept it. */
function serveArtifact(c: Context<AppEnv>, artifact: FeedArtifact) {
  const headers: Record<string, string> = {
    ETag: artifact.etag,
    'Cache-Control': `public, max-age=${FEED_MAX_AGE}, must-revalidate`,
    Vary: 'Accept-Encoding',
  };
  if (matchesEtag(c.req.header('If-None-Match'), artifact.etag)) return c.body(null, 304, headers);
  const gzip = /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '');
  const body = gzip ? artifact.gzip : artifact.identity();
  return c.body(body as Uint8Array<ArrayBuffer>, 200, {
    ...headers,
    'Content-Type': 'application/geo+json',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
}

export const mapRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/map/items',
      tags: ['map'],
      summary: 'Every item as a compact GeoJSON point, for the map',
      description:
        'Served from a snapshot rebuilt from the table stream. Property names are short; see MapFeed.',
      responses: {
        200: { ...cached[200], content: { 'application/geo+json': { schema: MapFeed } } },
        304: cached[304],
        ...problemResponses(503),
      },
    }),
    async (c) => serveArtifact(c, (await feedView(c)).items) as never,
  )
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/map/shapes',
      tags: ['map'],
      summary: 'Lines and polygons (roads, land plots) of the items that have them',
      responses: {
        200: { ...cached[200], content: { 'application/geo+json': { schema: Shapes } } },
        304: cached[304],
        ...problemResponses(503),
      },
    }),
    async (c) => serveArtifact(c, (await feedView(c)).shapes) as never,
  )
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/map/overdue',
      tags: ['map'],
      summary: 'Items with a question to a body past its legal due date today (Asia/Almaty)',
      description: 'One index query over open questions; the map badges and filters these pins.',
      responses: {
        200: { description: 'The item ids', content: { 'application/json': { schema: OverdueItems } } },
        ...problemResponses(503),
      },
    }),
    async (c) => {
      const ids = await overdueItemIds(c.var.deps.store, almatyDate(c.var.deps.now()));
      c.header('Cache-Control', `public, max-age=${OVERDUE_MAX_AGE}`);
      return c.json({ ids: [...ids].sort() }, 200);
    },
  );
