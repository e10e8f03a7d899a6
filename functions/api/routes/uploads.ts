/**
 * Attachment uploads and downloads. The file itself never passes through the API: the browser PUTs
 * it to a pre-signed URL of the blob store, then asks us to finalize, which checks the real type by
 * its bytes and publishes safe copies. Downloads redirect to a short-lived signed URL.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { blobKey } from '../../blobs/store';
import { createUploadTicket, finalizeUpload, getUpload, UploadRejectedError } from '../../blobs/uploads';
import { getComment, toAttachmentView } from '../../data/comments';
import { getQuestion, isAnswerFileShown } from '../../services/questions';
import { getVisit, isVisitPhotoShown } from '../../services/site-visits';
import { authorize, defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { ForbiddenError, NotFoundError, StorageUnavailableError, ValidationError } from '../problems';
import { Attachment, UploadRequest, UploadTicket } from '../schemas/comments';
import { Ulid } from '../schemas/item';
import { limitRate } from './threads';

const UploadParam = z.object({ id: Ulid });
const DOWNLOAD_URL_SECONDS = 300;

function blobsOf(c: Context<AppEnv>) {
  const blobs = c.var.deps.blobs;
  if (!blobs) throw new StorageUnavailableError();
  return blobs;
}

/** Redirects to the public copy or thumbnail, unless the comment holding it is hidden or deleted. */
async function download(c: Context<AppEnv>, id: string, variant: 'public' | 'thumbs') {
  const upload = await getUpload(c.var.deps.store, id);
  if (upload?.status !== 'ready' || (variant === 'thumbs' && !upload.hasThumbnail)) {
    throw new NotFoundError(`No attachment ${id}.`);
  }
  if (upload.commentId) {
    const comment = await getComment(c.var.deps.store, upload.commentId);
    if (!comment || comment.deleted || comment.visibility !== 'visible')
      throw new NotFoundError(`No attachment ${id}.`);
  }
  // A visit's photo: not while the visit or the photo itself is hidden by moderation.
  if (upload.visitId && upload.itemId) {
    const visit = await getVisit(c.var.deps.store, upload.itemId, upload.visitId);
    if (!visit || !isVisitPhotoShown(visit, id)) throw new NotFoundError(`No attachment ${id}.`);
  }
  // An answer's file: not while every answer version carrying it is hidden by moderation.
  if (upload.questionId && upload.itemId) {
    const q = await getQuestion(c.var.deps.store, upload.itemId, upload.questionId);
    if (!q || !isAnswerFileShown(q, id)) throw new NotFoundError(`No attachment ${id}.`);
  }
  const type = variant === 'thumbs' ? 'image/webp' : (upload.type ?? 'application/octet-stream');
  // PDFs and signature files download rather than open in the page's origin; images display inline.
  const asciiName = upload.name.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '');
  const disposition = !type.startsWith('image/')
    ? `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(upload.name)}`
    : 'inline';
  const url = await blobsOf(c).presignDownload(blobKey(variant, id), {
    contentType: type,
    disposition,
    expiresInSeconds: DOWNLOAD_URL_SECONDS,
  });
  return c.redirect(url, 302);
}

export const uploadRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineCreate('uploads.create', {
      method: 'post',
      path: '/uploads',
      tags: ['uploads'],
      summary: 'Start an attachment upload: returns a pre-signed URL to PUT the file to',
      request: { body: { content: { 'application/json': { schema: UploadRequest } }, required: true } },
      responses: {
        201: { description: 'Upload ticket', content: { 'application/json': { schema: UploadTicket } } },
        ...problemResponses(400, 401, 429, 503),
      },
    }),
    async (c) => {
      const user = c.var.user!;
      const blobs = blobsOf(c);
      await limitRate(c, user, 'upload');
      const ticket = await createUploadTicket(
        c.var.deps.store,
        blobs,
        user.sub,
        c.req.valid('json'),
        c.var.deps.now(),
      );
      return c.json(ticket, 201);
    },
  )
  .openapi(
    defineRoute('uploads.create', {
      method: 'post',
      path: '/uploads/{id}/finalize',
      tags: ['uploads'],
      summary: 'Check the uploaded file (type by content, size) and publish safe copies',
      request: { params: UploadParam },
      responses: {
        200: {
          description: 'The attachment, ready to use',
          content: { 'application/json': { schema: Attachment } },
        },
        ...problemResponses(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const user = c.var.user!;
      const upload = await getUpload(c.var.deps.store, id);
      if (!upload) throw new NotFoundError(`No upload ${id}.`);
      if (upload.ownerSub !== user.sub) throw new ForbiddenError('This upload is not yours.');
      authorize(user, 'uploads.create');
      try {
        const stored = await finalizeUpload(c.var.deps.store, blobsOf(c), upload);
        return c.json(toAttachmentView(stored), 200);
      } catch (err) {
        if (err instanceof UploadRejectedError) {
          const { message, reason } = err;
          throw new ValidationError([{ in: 'body', field: 'file', message, ...reason }], message, reason);
        }
        throw err;
      }
    },
  )
  .openapi(
    defineRoute('threads.read', {
      method: 'get',
      path: '/attachments/{id}',
      tags: ['uploads'],
      summary: "An attachment's public copy (redirects to a short-lived URL)",
      request: { params: UploadParam },
      responses: { 302: { description: 'Redirect to the file' }, ...problemResponses(400, 404, 503) },
    }),
    async (c) => download(c, c.req.valid('param').id, 'public'),
  )
  .openapi(
    defineRoute('threads.read', {
      method: 'get',
      path: '/attachments/{id}/thumbnail',
      tags: ['uploads'],
      summary: "An image attachment's thumbnail (redirects to a short-lived URL)",
      request: { params: UploadParam },
      responses: { 302: { description: 'Redirect to the thumbnail' }, ...problemResponses(400, 404, 503) },
    }),
    async (c) => download(c, c.req.valid('param').id, 'thumbs'),
  );
