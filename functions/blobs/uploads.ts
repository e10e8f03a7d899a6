/**
 * Attachment uploads: a ticket (pre-signed PUT) → the browser uploads → the upload publisher checks
 * the bytes and publishes safe copies as soon as they land (functions/blobs/publish.ts: its own
 * function in the cloud, on the bucket's notification) → "finalize" waits for its verdict → a
 * comment claims the upload (in the comment's own transaction). Images are re-encoded by sharp,
 * which drops EXIF (GPS location included) and every other metadata block; the public copy is the
 * re-encoded one, the original is deleted.
 *
 * The record is the `upload` entity (data/entities/uploads.ts; keys in functions/README.md):
 * `{ ownerSub, status pending|ready|rejected, …, expiresAt until claimed }`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import {
  type AttachmentType,
  type FileRef,
  fileRefId,
  SIGNATURE_TYPE,
  type UploadRequest,
  type UploadTicket,
} from '../../shared/comments';
import { cleanText } from '../../shared/richtext';
import type { ProblemReason } from '../api/problems';
import type { Store } from '../data/client';
import type { StoredAttachment } from '../data/comments';
import { uploadEntitiesOf, uploadModel } from '../data/entities/uploads';
import { go, OWN, recordKey } from '../data/schema';
import type { TransactOp } from '../data/transaction';
import { type BlobStore, blobKey } from './store';

/** How long a browser has to PUT the file. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** Unclaimed uploads are forgotten after a day (TTL); their blobs by a bucket lifecycle rule. */
const UNCLAIMED_SECONDS = 24 * 3600;
/**
 * How long finalize waits for the publisher's verdict where publishing is notified (S3): the
 * notification arrives within a second, and a cold publisher loads sharp in one or two more.
 */
export const FINALIZE_WAIT_MS = 12_000;
const FINALIZE_POLL_MS = 250;

export interface UploadRecord {
  id: string;
  ownerSub: string;
  name: string;
  declaredType: AttachmentType;
  declaredSize: number;
  status: 'pending' | 'ready' | 'rejected';
  /** Why the publisher refused the file (status `rejected`); finalize answers it as a 400. */
  rejection?: string;
  /** The refusal's problem code and params (shared/problem-codes.ts), for the client's own words. */
  rejectionReason?: ProblemReason;
  /** A digitally signed PDF, published byte for byte as received (functions/blobs/pdf-publish.ts). */
  signed?: boolean;
  /** SHA-256 (hex) of the public copy, computed when it is published. */
  sha256?: string;
  createdAt: string;
  type?: AttachmentType;
  size?: number;
  width?: number;
  height?: number;
  hasThumbnail?: boolean;
  commentId?: string;
  itemId?: string;
  /** The site visit that claimed this photo (functions/services/site-visits.ts). */
  visitId?: string;
  /** The official's progress update that claimed this file as evidence (functions/services/progress-updates.ts). */
  updateId?: string;
  /** The question whose official answer carries this file (functions/services/questions.ts). */
  questionId?: string;
  /** The recommendation whose body's follow-up carries this file (functions/services/follow-ups.ts). */
  recommendationId?: string;
  /**
   * Where and when the photo says it was taken (EXIF GPS and DateTimeOriginal), read from the
   * original before it is re-encoded. Private: never in a response or a public file; a visit turns
   * it into a distance to the item.
   */
  gps?: { lat: number; lon: number };
  takenAt?: string;
}

/** The upload's table key (the entity's template). */
export const uploadKey = (id: string) => recordKey(uploadModel, { id });
const key = uploadKey;

export async function createUploadTicket(
  store: Store,
  blobs: BlobStore,
  ownerSub: string,
  req: UploadRequest,
  now: Date,
): Promise<UploadTicket> {
  const id = ulid(now.getTime());
  const record: UploadRecord = {
    id,
    ownerSub,
    // Only the name's visible characters are kept; it is shown as text and used in downloads.
    name: safeFileName(req.name),
    declaredType: req.contentType,
    declaredSize: req.size,
    status: 'pending',
    createdAt: now.toISOString(),
  };
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: {
        ...key(id),
        entity: 'upload',
        ...record,
        expiresAt: Math.floor(now.getTime() / 1000) + UNCLAIMED_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  const signed = await blobs.presignUpload(blobKey('incoming', id), {
    contentType: req.contentType,
    contentLength: req.size,
    expiresInSeconds: UPLOAD_URL_SECONDS,
  });
  return {
    id,
    url: signed.url,
    method: 'PUT',
    headers: signed.headers,
    expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
  };
}

export async function getUpload(store: Store, id: string): Promise<UploadRecord | null> {
  const res = await go(
    uploadEntitiesOf(store)
      .upload.get({ id })
      .go({ ...OWN, data: 'raw', consistent: true }),
  );
  return ((res.data as { Item?: UploadRecord }).Item as UploadRecord | undefined) ?? null;
}

/**
 * What claims an upload: a comment, a site visit, an official's progress update, an official's
 * answer to a question or a body's follow-up of a recommendation. One file belongs to at most one
 * of them, so hiding or erasing one record never touches another's attachment.
 */
export type UploadClaim =
  | { commentId: string }
  | { visitId: string }
  | { updateId: string }
  | { questionId: string }
  | { recommendationId: string };

/** Every field that marks an upload as claimed (the condition below lists them all). */
const CLAIM_FIELDS = ['commentId', 'visitId', 'updateId', 'questionId', 'recommendationId'] as const;

/** True when `ownerSub` may attach this upload: theirs, finalized, and not yet claimed by anything. */
export function isClaimableBy(u: UploadRecord | null | undefined, ownerSub: string): u is UploadRecord {
  return u?.status === 'ready' && u.ownerSub === ownerSub && CLAIM_FIELDS.every((f) => !u[f]);
}

/** An upload given to attach is not the caller's finalized, unused file; `index` is its place in the list. */
export class UploadUnusableError extends Error {
  constructor(
    readonly index: number,
    readonly id: string,
  ) {
    super(`File ${id} cannot be used.`);
  }
}

/**
 * The caller's finalized, unused uploads by id, in the order given: the one check every record
 * that takes files makes before its transaction (whose `claimUploadOp` repeats it atomically).
 */
export async function claimableUploads(
  store: Store,
  ownerSub: string,
  ids: readonly string[],
): Promise<Map<string, UploadRecord>> {
  const uploads = await Promise.all(ids.map((id) => getUpload(store, id)));
  const found = new Map<string, UploadRecord>();
  for (const [index, u] of uploads.entries()) {
    if (!isClaimableBy(u, ownerSub)) throw new UploadUnusableError(index, ids[index]!);
    found.set(u.id, u);
  }
  return found;
}

/**
 * The transaction step that claims an upload for a record on an item. Its condition repeats
 * `isClaimableBy`, so two records racing for one file cannot both have it: the loser's
 * transaction is cancelled.
 */
export function claimUploadOp(
  store: Store,
  uploadId: string,
  ownerSub: string,
  itemId: string,
  claim: UploadClaim,
): TransactOp {
  const [field, recordId] = Object.entries(claim)[0] as [string, string];
  return {
    Update: {
      TableName: store.table,
      Key: key(uploadId),
      UpdateExpression: 'SET #claim = :claim, itemId = :i REMOVE expiresAt',
      ConditionExpression: `#s = :ready AND ownerSub = :me AND ${CLAIM_FIELDS.map((f) => `attribute_not_exists(${f})`).join(' AND ')}`,
      ExpressionAttributeNames: { '#s': 'status', '#claim': field },
      ExpressionAttributeValues: { ':claim': recordId, ':i': itemId, ':ready': 'ready', ':me': ownerSub },
    },
  };
}

export function safeFileName(name: string): string {
  const cleaned = cleanText(name)
    .replace(/["\\/]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.slice(0, 200) || 'file';
}

/** Why an upload was refused; the route turns it into a 400 naming the problem (and its code, when known). */
export class UploadRejectedError extends Error {
  constructor(
    message: string,
    readonly reason?: ProblemReason,
  ) {
    super(message);
  }
}

/**
 * The publisher's verdict on an upload (functions/blobs/publish.ts), waited for when it has not come
 * yet: the attachment when published, UploadRejectedError with the reason when refused or when
 * nothing arrived in time. A store that publishes before answering the PUT (the local folder store)
 * needs no wait: a pending upload there means no file was sent.
 */
export async function finalizeUpload(
  store: Store,
  blobs: BlobStore,
  upload: UploadRecord,
  opts: { waitMs?: number } = {},
): Promise<StoredAttachment> {
  const deadline = Date.now() + (opts.waitMs ?? (blobs.publishesOnPut ? 0 : FINALIZE_WAIT_MS));
  let current = upload;
  for (;;) {
    if (current.status === 'ready') return toStoredAttachment(current);
    if (current.status === 'rejected')
      throw new UploadRejectedError(current.rejection ?? 'The file was refused.', current.rejectionReason);
    if (Date.now() >= deadline) throw new UploadRejectedError('Nothing was uploaded for this ticket.');
    await sleep(FINALIZE_POLL_MS);
    current = (await getUpload(store, upload.id)) ?? current;
  }
}

export function toStoredAttachment(u: UploadRecord): StoredAttachment {
  return {
    id: u.id,
    type: u.type ?? u.declaredType,
    name: u.name,
    size: u.size ?? 0,
    ...(u.width ? { width: u.width, height: u.height ?? 0 } : {}),
    hasThumbnail: Boolean(u.hasThumbnail),
    // Absent unless signed: JSON leaves an undefined field out.
    signed: u.signed || undefined,
    ...(u.sha256 ? { sha256: u.sha256 } : {}),
  };
}

/**
 * A detached signature file is not beside the document it signs (`code`: its problem code). `index`
 * is the file's place in the list.
 */
export class FileLinkError extends Error {
  constructor(
    readonly index: number,
    readonly code: 'attachment.signature_unlinked' | 'attachment.signature_target',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The stored files of an official's record, in the order given, each detached signature linked to
 * the document it signs: a signature file must name one (`signatureOf`), the named file must be a
 * document (not another signature) in the same list, and only a signature file may name one. So the
 * document and its signature are always in the one record, and on its one audit-chain entry.
 */
export function attachFiles(
  uploads: Map<string, UploadRecord>,
  refs: readonly FileRef[],
): StoredAttachment[] {
  const ids = refs.map(fileRefId);
  return refs.map((ref, index) => {
    const file = toStoredAttachment(uploads.get(ids[index]!)!);
    const of = typeof ref === 'string' ? undefined : ref.signatureOf;
    if (file.type !== SIGNATURE_TYPE) {
      if (of)
        throw new FileLinkError(
          index,
          'attachment.signature_target',
          'Only a signature file names a document it signs.',
        );
      return file;
    }
    if (!of)
      throw new FileLinkError(
        index,
        'attachment.signature_unlinked',
        'A signature file needs signatureOf: the id of the document in the same list that it signs.',
      );
    const target = uploads.get(of);
    if (!target || of === file.id || (target.type ?? target.declaredType) === SIGNATURE_TYPE)
      throw new FileLinkError(
        index,
        'attachment.signature_target',
        'signatureOf must name a document (not a signature) in the same list.',
      );
    return { ...file, signatureOf: of };
  });
}
