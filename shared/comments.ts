/**
 * Discussion threads on budget items: what a client may send and what it gets back. Comment text is
 * stored exactly as typed and rendered through `shared/richtext.ts` (never as HTML).
 */
import type { Flat } from './types';

export const MAX_COMMENT_CHARS = 5000;
export const MAX_ATTACHMENTS_PER_COMMENT = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Content types accepted, decided from the file's first bytes, never from its name. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
/**
 * A detached CMS/PKCS#7 signature (`.p7s`, `.cms`: how NCALayer's EDS signatures are shared): only
 * beside the document it signs, in an official's record (answers, progress updates, follow-ups,
 * extensions, redirects); comments and site visits take ATTACHMENT_TYPES only. Published as received:
 * nothing here verifies it.
 */
export const SIGNATURE_TYPE = 'application/pkcs7-signature';
/** Every type an upload may be: the attachment types and the detached signature. */
export const UPLOAD_TYPES = [...ATTACHMENT_TYPES, SIGNATURE_TYPE] as const;
export type AttachmentType = (typeof UPLOAD_TYPES)[number];

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

export type CommentInput = { body: string; parentId?: string | undefined; attachments: string[] };

export type FlagInput = {
  reason: ModerationReason;
  note?: string | undefined;
};

export type ModerationDecision = {
  reason: ModerationReason;
  note: string;
};

export type Attachment = {
  id: string;
  type: AttachmentType;
  name: string;
  size: number;
  width?: number | undefined;
  height?: number | undefined;
  url: string;
  thumbnailUrl?: string | undefined;
  signed?: boolean | undefined;
  sha256?: string | undefined;
  signatureOf?: string | undefined;
};

export type FileRef = string | { id: string; signatureOf: string };

export const fileRefId = (r: FileRef) => (typeof r === 'string' ? r : r.id);

/** The badge of an official writing for their body. */
export type OfficialBadge = { bodyId: string; bodyName: Record<string, string> };

/** Why a hidden comment or part is hidden, and whether it awaits review (auto-hidden by flags). */
export type HiddenPart = { reason: ModerationReason; pendingReview: boolean };

export type ReplyView = {
  id: string;
  itemId: string;
  parentId?: string | undefined;
  author: { name: string; official?: OfficialBadge | undefined };
  body: string | null;
  createdAt: string;
  editedAt?: string | undefined;
  deleted: boolean;
  hidden?: HiddenPart | undefined;
  supportCount: number;
  mine: boolean;
  attachments: Attachment[];
};

export type CommentView = Flat<ReplyView & { replies?: ReplyView[] | undefined }>;

export type ThreadPage = { count: number; comments: CommentView[]; next?: string | undefined };

export type AuditEntry = {
  id: string;
  at: string;
  action: 'flag_threshold_hide' | 'hide' | 'restore';
  commentId: string;
  itemId: string;
  actor: { sub: string; name: string };
  reason: ModerationReason;
  note?: string | undefined;
};

export type QueueEntry = {
  comment: CommentView;
  text: string | null;
  flagCount: number;
  flaggedAt: string;
  visibility: 'visible' | 'pending' | 'hidden';
};

export type FeedEntry = {
  itemId: string;
  commentId: string;
  parentId?: string | undefined;
  at: string;
  authorName: string;
  official?: OfficialBadge | undefined;
  excerpt?: string | undefined;
};

export type UploadRequest = {
  name: string;
  size: number;
  contentType: AttachmentType;
};

export type UploadTicket = {
  id: string;
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
};
