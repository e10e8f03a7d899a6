/**
 * Discussion threads on budget items: what a client may send and what it gets back. Comment text is
 * stored exactly as typed and rendered through `shared/richtext.ts` (never as HTML).
 */
import { z } from 'zod';
import { Ulid } from './item';
import { cleanText } from './richtext';

export const MAX_COMMENT_CHARS = 5000;
export const MAX_ATTACHMENTS_PER_COMMENT = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Content types accepted, decided from the file's first bytes, never from its name. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Why something is flagged or hidden; the placeholder shows the category, never the details. */
export const MODERATION_REASONS = [
  'spam',
  'abuse',
  'personal_data',
  'off_topic',
  'illegal',
  'other',
] as const;
export type ModerationReason = (typeof MODERATION_REASONS)[number];

/** Flags from this many different users hide a comment until a moderator reviews it. */
export const FLAGS_TO_HIDE = 3;

export const CommentText = z
  .string()
  .max(MAX_COMMENT_CHARS * 2, `at most ${MAX_COMMENT_CHARS} characters`)
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .refine((s) => cleanText(s).trim().length > 0, 'must not be empty')
  .refine((s) => [...s].length <= MAX_COMMENT_CHARS, `at most ${MAX_COMMENT_CHARS} characters`);

export const CommentInput = z
  .object({
    body: CommentText,
    /** Answering a top-level comment; replies to replies are not allowed (one level). */
    parentId: Ulid.optional(),
    /** Finalized uploads of this user to attach. */
    attachments: z.array(Ulid).max(MAX_ATTACHMENTS_PER_COMMENT).default([]),
  })
  .strict()
  .refine((c) => new Set(c.attachments).size === c.attachments.length, {
    message: 'each attachment once',
    path: ['attachments'],
  });
export type CommentInput = z.infer<typeof CommentInput>;

export const CommentEdit = z.object({ body: CommentText }).strict();

export const FlagInput = z
  .object({ reason: z.enum(MODERATION_REASONS), note: z.string().trim().max(500).optional() })
  .strict();
export type FlagInput = z.infer<typeof FlagInput>;

export const ModerationDecision = z
  .object({ reason: z.enum(MODERATION_REASONS), note: z.string().trim().min(1).max(1000) })
  .strict();
export type ModerationDecision = z.infer<typeof ModerationDecision>;

export const ThreadOrder = z.enum(['oldest', 'newest']);

export const Attachment = z.object({
  id: Ulid,
  type: z.enum(ATTACHMENT_TYPES),
  name: z.string(),
  size: z.number().int(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  /** The public copy (images re-encoded without EXIF/location). */
  url: z.string(),
  thumbnailUrl: z.string().optional(),
});
export type Attachment = z.infer<typeof Attachment>;

export const OfficialBadge = z.object({ bodyId: z.string(), bodyName: z.record(z.string(), z.string()) });

export const ReplyView = z.object({
  id: Ulid,
  itemId: Ulid,
  parentId: Ulid.optional(),
  author: z.object({ name: z.string(), official: OfficialBadge.optional() }),
  /** Null when deleted or hidden. */
  body: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().optional(),
  deleted: z.boolean(),
  /** Present when hidden: the reason category, and whether it awaits review (auto-hidden by flags). */
  hidden: z.object({ reason: z.enum(MODERATION_REASONS), pendingReview: z.boolean() }).optional(),
  supportCount: z.number().int(),
  /** True for the caller's own comments (to offer edit/delete). */
  mine: z.boolean(),
  attachments: z.array(Attachment),
});
export type ReplyView = z.infer<typeof ReplyView>;

export const CommentView = ReplyView.extend({ replies: z.array(ReplyView).optional() });
export type CommentView = z.infer<typeof CommentView>;

export const ThreadPage = z.object({
  /** Every comment and reply ever posted on the item (tombstones included). */
  count: z.number().int(),
  comments: z.array(CommentView),
  /** Opaque; pass back as `cursor` for the next page. Absent on the last page. */
  next: z.string().optional(),
});
export type ThreadPage = z.infer<typeof ThreadPage>;

export const Revision = z.object({ body: z.string(), at: z.string() });

export const AuditEntry = z.object({
  id: Ulid,
  at: z.string(),
  action: z.enum(['flag_threshold_hide', 'hide', 'restore']),
  commentId: Ulid,
  itemId: Ulid,
  actor: z.object({ sub: z.string(), name: z.string() }),
  reason: z.enum(MODERATION_REASONS),
  note: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const QueueEntry = z.object({
  comment: CommentView,
  /** The text under review (moderators see hidden text). */
  text: z.string().nullable(),
  flagCount: z.number().int(),
  flaggedAt: z.string(),
  visibility: z.enum(['visible', 'pending', 'hidden']),
});
export type QueueEntry = z.infer<typeof QueueEntry>;

export const FeedEntry = z.object({
  itemId: Ulid,
  commentId: Ulid,
  parentId: Ulid.optional(),
  at: z.string(),
  authorName: z.string(),
  official: OfficialBadge.optional(),
  /** First characters of the text; absent when hidden or deleted. */
  excerpt: z.string().optional(),
});
export type FeedEntry = z.infer<typeof FeedEntry>;

export const UploadRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES, 'at most 10 MB'),
    /** What the browser claims; only used to sign the upload, the content decides the real type. */
    contentType: z.enum(ATTACHMENT_TYPES),
  })
  .strict();
export type UploadRequest = z.infer<typeof UploadRequest>;

export const UploadTicket = z.object({
  id: Ulid,
  url: z.string(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});
export type UploadTicket = z.infer<typeof UploadTicket>;
