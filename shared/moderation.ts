/**
 * Moderation of every kind of public content (comments, questions, answers, and whatever later
 * issues register: attachments, visit reports): the shapes the API sends and takes. A content
 * kind is a short name; its id is whatever that kind needs to find the content again (a comment's
 * ULID, `<itemId>_<questionId>` for a question, `<itemId>_<questionId>_<version>` for an answer).
 */
export const VISIBILITIES = ['visible', 'pending', 'hidden'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export type ContentRef = { kind: string; id: string };

export const MODERATION_ACTIONS = ['flag_threshold_hide', 'hide', 'restore'] as const;

export type HistoryEntry = {
  id: string;
  at: string;
  action: 'flag_threshold_hide' | 'hide' | 'restore';
  kind: string;
  contentId: string;
  actor: { sub: string; name: string };
  reason: 'spam' | 'abuse' | 'personal_data' | 'off_topic' | 'illegal' | 'other';
  note?: string | undefined;
};

export type ModeratedEntry = {
  kind: string;
  id: string;
  itemId?: string | undefined;
  text: string | null;
  visibility: 'visible' | 'pending' | 'hidden';
  reason?: 'spam' | 'abuse' | 'personal_data' | 'off_topic' | 'illegal' | 'other' | undefined;
  flagCount: number;
  since: string;
};

export const QUEUE_STATUSES = ['flagged', 'hidden'] as const;

export type BlockView = {
  blocked: boolean;
  reason?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
};
