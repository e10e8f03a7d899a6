/**
 * Atom 1.0 feeds (read by any feed reader): one per item, area, body and contractor, and one of
 * every body's answers. Public data only; conditional GET by ETag / Last-Modified.
 */
import { createHash } from 'node:crypto';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type AtomFeed, feedUpdated, renderAtom } from '../../feeds/atom';
import {
  answersFeed,
  areaFeed,
  bodyFeed,
  contractorFeed,
  type FeedContext,
  type FeedLang,
  itemFeed,
} from '../../services/atom-feeds';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { NotFoundError } from '../problems';

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
/** Readers poll; five minutes is fresh enough for news and spares the table. */
const CACHE_CONTROL = 'public, max-age=300';

const LangQuery = z.object({
  /** Language of titles and labels (texts are as written). Default kk. */
  lang: z.enum(['kk', 'ru', 'en']).default('kk'),
});

const atomResponses = {
  200: {
    description: 'An Atom 1.0 feed (RFC 4287), newest entries first, at most 50',
    content: { 'application/atom+xml': { schema: z.string() } },
  },
  304: { description: 'Not modified (If-None-Match / If-Modified-Since)' },
};

function context(c: Context<AppEnv>, lang: FeedLang): FeedContext {
  const url = new URL(c.req.url);
  return { origin: url.origin, authority: url.hostname, selfUrl: url.href, lang, now: c.var.deps.now() };
}

function respond(c: Context<AppEnv>, feed: AtomFeed | null): Response {
  if (!feed) throw new NotFoundError('No such feed.');
  const xml = renderAtom(feed);
  const etag = `"${createHash('sha256').update(xml).digest('base64url').slice(0, 27)}"`;
  const lastModified = new Date(feedUpdated(feed)).toUTCString();
  const headers = { ETag: etag, 'Last-Modified': lastModified, 'Cache-Control': CACHE_CONTROL };
  const inm = c.req.header('If-None-Match');
  const ims = c.req.header('If-Modified-Since');
  const notModified = inm
    ? inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')
    : ims !== undefined && Date.parse(ims) >= Date.parse(lastModified);
  if (notModified) return c.body(null, 304, headers);
  return c.body(xml, 200, { ...headers, 'Content-Type': ATOM_TYPE });
}

export const atomFeedRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/feeds/items/{id}',
      tags: ['feeds'],
      summary: "An item's feed: its status and money, answers to its questions, new public comments",
      request: { params: z.object({ id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/) }), query: LangQuery },
      responses: { ...atomResponses, ...problemResponses(400, 404, 503) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return respond(c, await itemFeed(c.var.deps.store, id, context(c, c.req.valid('query').lang))) as never;
    },
  )
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/feeds/areas/{area}',
      tags: ['feeds'],
      summary: "An area's feed: new items and answers from the area's bodies",
      request: { params: z.object({ area: z.string().max(40) }), query: LangQuery },
      responses: { ...atomResponses, ...problemResponses(400, 404, 503) },
    }),
    async (c) => {
      const { area } = c.req.valid('param');
      return respond(
        c,
        await areaFeed(c.var.deps.store, area, context(c, c.req.valid('query').lang)),
      ) as never;
    },
  )
  .openapi(
    defineRoute('bodies.read', {
      method: 'get',
      path: '/feeds/bodies/{id}',
      tags: ['feeds'],
      summary: "A government body's feed: its new items and its answers",
      request: { params: z.object({ id: z.string().regex(/^[a-z0-9-]{2,64}$/) }), query: LangQuery },
      responses: { ...atomResponses, ...problemResponses(400, 404, 503) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return respond(c, await bodyFeed(c.var.deps.store, id, context(c, c.req.valid('query').lang))) as never;
    },
  )
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/feeds/contractors/{bin}',
      tags: ['feeds'],
      summary: "A contractor's feed: its items with their status and money",
      request: { params: z.object({ bin: z.string().regex(/^\d{12}$/) }), query: LangQuery },
      responses: { ...atomResponses, ...problemResponses(400, 404, 503) },
    }),
    async (c) => {
      const { bin } = c.req.valid('param');
      return respond(
        c,
        await contractorFeed(c.var.deps.store, bin, context(c, c.req.valid('query').lang)),
      ) as never;
    },
  )
  .openapi(
    defineRoute('questions.read', {
      method: 'get',
      path: '/feeds/answers',
      tags: ['feeds'],
      summary: 'Answers from every body, newest first',
      request: { query: LangQuery },
      responses: { ...atomResponses, ...problemResponses(400, 503) },
    }),
    async (c) =>
      respond(c, await answersFeed(c.var.deps.store, context(c, c.req.valid('query').lang))) as never,
  );
