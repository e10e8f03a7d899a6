/**
 * A moderator publishes a photo with regions blurred (faces, number plates): rectangles in the
 * published image's pixels; the server blurs them and keeps the original privately
 * (functions/services/photo-blur.ts).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { blurPhoto, fileForModerator, photoForModerator } from '../../services/photo-blur';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { StorageUnavailableError } from '../problems';
import { Ulid } from '../schemas/item';

const Px = z.number().int().min(0).max(20_000);
const BlurRequest = z
  .object({
    regions: z
      .array(z.object({ x: Px, y: Px, width: Px.min(1), height: Px.min(1) }).strict())
      .min(1)
      .max(30),
  })
  .strict();

export const photoBlurRoutes: OpenAPIHono<AppEnv> = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('moderation.act', {
      method: 'get',
      path: '/moderation/photos/{id}',
      tags: ['moderation'],
      summary:
        'A photo for a moderator, even while hidden: the original (what a blur starts from) or the published copy',
      description:
        'The bytes themselves, never a shareable link, with Cache-Control: no-store: a hidden photo must not linger in a shared cache.',
      request: {
        params: z.object({ id: Ulid }),
        query: z.object({ copy: z.enum(['original', 'published']).default('original') }),
      },
      responses: {
        200: {
          description: 'The image',
          content: { 'image/*': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problemResponses(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { blobs, store } = c.var.deps;
      if (!blobs) throw new StorageUnavailableError();
      const { bytes, type } = await photoForModerator(
        store,
        blobs,
        c.req.valid('param').id,
        c.req.valid('query').copy,
      );
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'Content-Disposition': 'inline',
        'X-Content-Type-Options': 'nosniff',
      });
    },
  )
  .openapi(
    defineRoute('moderation.act', {
      method: 'get',
      path: '/moderation/files/{id}',
      tags: ['moderation'],
      summary: "Any posted file's published copy for a moderator, even while hidden (the queue's preview)",
      description:
        "The bytes, never a shareable link, with Cache-Control: no-store. Images display inline; anything else (a PDF) downloads under a sandboxing Content-Security-Policy, so nothing in it runs in the hub's origin.",
      request: { params: z.object({ id: Ulid }) },
      responses: {
        200: {
          description: 'The file',
          content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problemResponses(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { blobs, store } = c.var.deps;
      if (!blobs) throw new StorageUnavailableError();
      const file = await fileForModerator(store, blobs, c.req.valid('param').id);
      const asciiName = file.name.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '');
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': file.type,
        'Cache-Control': 'no-store',
        'Content-Disposition': file.type.startsWith('image/')
          ? 'inline'
          : `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'Content-Security-Policy': "sandbox; default-src 'none'",
        'X-Content-Type-Options': 'nosniff',
      });
    },
  )
  .openapi(
    defineRoute('moderation.act', {
      method: 'post',
      path: '/moderation/photos/{id}/blur',
      tags: ['moderation'],
      summary:
        'Publish a photo with regions blurred (pixels of the published image); the original is kept privately',
      request: {
        params: z.object({ id: Ulid }),
        body: { required: true, content: { 'application/json': { schema: BlurRequest } } },
      },
      responses: {
        200: {
          description: 'The photo as now published',
          content: {
            'application/json': {
              schema: z.object({
                width: z.number().int(),
                height: z.number().int(),
                regions: z.number().int(),
              }),
            },
          },
        },
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { blobs, store, now } = c.var.deps;
      if (!blobs) throw new StorageUnavailableError();
      const result = await blurPhoto(
        store,
        blobs,
        c.req.valid('param').id,
        c.req.valid('json').regions,
        c.var.user!,
        now(),
      );
      return c.json(result, 200);
    },
  );
