/** The zod schemas of shared/comments.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import type * as Shared from '../../../shared/comments';
import {
  fileRefId,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_COMMENT,
  MAX_COMMENT_CHARS,
  MODERATION_REASONS,
  UPLOAD_TYPES,
} from '../../../shared/comments';
import { cleanText } from '../../../shared/richtext';
import type { Equal, Expect } from './assert-equal';
import { Ulid } from './item';

export const CommentText = zodSchema
  .string()
  .max(MAX_COMMENT_CHARS * 2, `at most ${MAX_COMMENT_CHARS} characters`)
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .refine((s) => cleanText(s).trim().length > 0, 'must not be empty')
  .refine((s) => [...s].length <= MAX_COMMENT_CHARS, `at most ${MAX_COMMENT_CHARS} characters`);

export const CommentInput = zodSchema
  .object({
    body: CommentText,
    /** Answering a top-level comment; replies to replies are not allowed (one level). */
    parentId: Ulid.optional(),
    /** Finalized uploads of this user to attach. */
    attachments: zodSchema.array(Ulid).max(MAX_ATTACHMENTS_PER_COMMENT).default([]),
  })
  .strict()
  .refine((c) => new Set(c.attachments).size === c.attachments.length, {
    message: 'each attachment once',
    path: ['attachments'],
  });
export type CommentInput = zodSchema.infer<typeof CommentInput>;
type _CommentInputAgrees = Expect<Equal<CommentInput, Shared.CommentInput>>;

export const CommentEdit = zodSchema.object({ body: CommentText }).strict();

export const FlagInput = zodSchema
  .object({ reason: zodSchema.enum(MODERATION_REASONS), note: zodSchema.string().trim().max(500).optional() })
  .strict();
export type FlagInput = zodSchema.infer<typeof FlagInput>;
type _FlagInputAgrees = Expect<Equal<FlagInput, Shared.FlagInput>>;

export const ModerationDecision = zodSchema
  .object({ reason: zodSchema.enum(MODERATION_REASONS), note: zodSchema.string().trim().min(1).max(1000) })
  .strict();
export type ModerationDecision = zodSchema.infer<typeof ModerationDecision>;
type _ModerationDecisionAgrees = Expect<Equal<ModerationDecision, Shared.ModerationDecision>>;

export const ThreadOrder = zodSchema.enum(['oldest', 'newest']);

export const Attachment = zodSchema.object({
  id: Ulid,
  type: zodSchema.enum(UPLOAD_TYPES),
  name: zodSchema.string(),
  size: zodSchema.number().int(),
  width: zodSchema.number().int().optional(),
  height: zodSchema.number().int().optional(),
  /** The public copy (images re-encoded without EXIF/location). */
  url: zodSchema.string(),
  thumbnailUrl: zodSchema.string().optional(),
  /** A digitally signed PDF: published byte for byte as received, metadata and all, so the signature holds. */
  signed: zodSchema.boolean().optional(),
  /**
   * SHA-256 (hex) of the public copy, exactly the bytes a download gives: part of the record that
   * carries the file, so the audit chain's entry for that record fixes what was published.
   */
  sha256: zodSchema.string().optional(),
  /** A detached signature file: the id of the document in the same list it signs. */
  signatureOf: Ulid.optional(),
});
export type Attachment = zodSchema.infer<typeof Attachment>;
type _AttachmentAgrees = Expect<Equal<Attachment, Shared.Attachment>>;

/**
 * A file an official attaches: an upload id, or `{ id, signatureOf }` for a detached signature file
 * (`application/pkcs7-signature`) naming the document in the same list that it signs.
 */
export const FileRef = zodSchema.union([Ulid, zodSchema.object({ id: Ulid, signatureOf: Ulid }).strict()]);
export type FileRef = zodSchema.infer<typeof FileRef>;
type _FileRefAgrees = Expect<Equal<FileRef, Shared.FileRef>>;

/** Files to attach, each once, at most `max` (the service checks that each `signatureOf` is in the list). */
export const FileRefs = (max: number) =>
  zodSchema
    .array(FileRef)
    .max(max)
    .refine((refs) => new Set(refs.map(fileRefId)).size === refs.length, 'each file once');

export const OfficialBadge = zodSchema.object({
  bodyId: zodSchema.string(),
  bodyName: zodSchema.record(zodSchema.string(), zodSchema.string()),
});

export const ReplyView = zodSchema.object({
  id: Ulid,
  itemId: Ulid,
  parentId: Ulid.optional(),
  author: zodSchema.object({ name: zodSchema.string(), official: OfficialBadge.optional() }),
  /** Null when deleted or hidden. */
  body: zodSchema.string().nullable(),
  createdAt: zodSchema.string(),
  editedAt: zodSchema.string().optional(),
  deleted: zodSchema.boolean(),
  /** Present when hidden: the reason category, and whether it awaits review (auto-hidden by flags). */
  hidden: zodSchema
    .object({ reason: zodSchema.enum(MODERATION_REASONS), pendingReview: zodSchema.boolean() })
    .optional(),
  supportCount: zodSchema.number().int(),
  /** True for the caller's own comments (to offer edit/delete). */
  mine: zodSchema.boolean(),
  attachments: zodSchema.array(Attachment),
});
export type ReplyView = zodSchema.infer<typeof ReplyView>;
type _ReplyViewAgrees = Expect<Equal<ReplyView, Shared.ReplyView>>;

export const CommentView = ReplyView.extend({ replies: zodSchema.array(ReplyView).optional() });
export type CommentView = zodSchema.infer<typeof CommentView>;
type _CommentViewAgrees = Expect<Equal<CommentView, Shared.CommentView>>;

export const ThreadPage = zodSchema.object({
  /** Every comment and reply ever posted on the item (tombstones included). */
  count: zodSchema.number().int(),
  comments: zodSchema.array(CommentView),
  /** Opaque; pass back as `cursor` for the next page. Absent on the last page. */
  next: zodSchema.string().optional(),
});
export type ThreadPage = zodSchema.infer<typeof ThreadPage>;
type _ThreadPageAgrees = Expect<Equal<ThreadPage, Shared.ThreadPage>>;

export const Revision = zodSchema.object({ body: zodSchema.string(), at: zodSchema.string() });

export const AuditEntry = zodSchema.object({
  id: Ulid,
  at: zodSchema.string(),
  action: zodSchema.enum(['flag_threshold_hide', 'hide', 'restore']),
  commentId: Ulid,
  itemId: Ulid,
  actor: zodSchema.object({ sub: zodSchema.string(), name: zodSchema.string() }),
  reason: zodSchema.enum(MODERATION_REASONS),
  note: zodSchema.string().optional(),
});
export type AuditEntry = zodSchema.infer<typeof AuditEntry>;
type _AuditEntryAgrees = Expect<Equal<AuditEntry, Shared.AuditEntry>>;

export const QueueEntry = zodSchema.object({
  comment: CommentView,
  /** The text under review (moderators see hidden text). */
  text: zodSchema.string().nullable(),
  flagCount: zodSchema.number().int(),
  flaggedAt: zodSchema.string(),
  visibility: zodSchema.enum(['visible', 'pending', 'hidden']),
});
export type QueueEntry = zodSchema.infer<typeof QueueEntry>;
type _QueueEntryAgrees = Expect<Equal<QueueEntry, Shared.QueueEntry>>;

export const FeedEntry = zodSchema.object({
  itemId: Ulid,
  commentId: Ulid,
  parentId: Ulid.optional(),
  at: zodSchema.string(),
  authorName: zodSchema.string(),
  official: OfficialBadge.optional(),
  /** First characters of the text; absent when hidden or deleted. */
  excerpt: zodSchema.string().optional(),
});
export type FeedEntry = zodSchema.infer<typeof FeedEntry>;
type _FeedEntryAgrees = Expect<Equal<FeedEntry, Shared.FeedEntry>>;

export const UploadRequest = zodSchema
  .object({
    name: zodSchema.string().trim().min(1).max(200),
    size: zodSchema.number().int().min(1).max(MAX_ATTACHMENT_BYTES, 'at most 10 MB'),
    /** What the browser claims; only used to sign the upload, the content decides the real type. */
    contentType: zodSchema.enum(UPLOAD_TYPES),
  })
  .strict();
export type UploadRequest = zodSchema.infer<typeof UploadRequest>;
type _UploadRequestAgrees = Expect<Equal<UploadRequest, Shared.UploadRequest>>;

export const UploadTicket = zodSchema.object({
  id: Ulid,
  url: zodSchema.string(),
  method: zodSchema.literal('PUT'),
  headers: zodSchema.record(zodSchema.string(), zodSchema.string()),
  expiresAt: zodSchema.string(),
});
export type UploadTicket = zodSchema.infer<typeof UploadTicket>;
type _UploadTicketAgrees = Expect<Equal<UploadTicket, Shared.UploadTicket>>;

export * from '../../../shared/comments';
