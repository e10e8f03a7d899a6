/**
 * The content kinds this hub moderates: comments (and replies), questions to bodies, officials'
 * answers (each answer version on its own) and each file attached to an answer on its own (a
 * photo with a face, a scan with a signature: hiding the file leaves the answer's text up). Flag
 * explanations and site visits (reports and photos) register theirs in their own services.
 *
 * Ids: a comment's ULID; `<itemId>_<questionId>` for a question; `<itemId>_<questionId>_<version>`
 * for an answer version; the upload's ULID for an answer's file.
 */
import type { QuestionHiddenPart } from '../../shared/questions';
import { moderationAuditRecord } from '../audit/records';
import { getUpload } from '../blobs/uploads';
import type { Store } from '../data/client';
import { commentVisibilityOp, getComment } from '../data/comments';
import { getQuestion, questionHiddenPartsOp } from '../data/questions';
import { flagExplanationKind } from './flags-explanations';
import {
  type ContentKind,
  type ModeratedContent,
  registerContentKind,
  type VisibilityChange,
} from './moderation';
import { visitKind, visitPhotoKind } from './site-visits';

const commentKind: ContentKind = {
  kind: 'comment',
  legacyLog: true,
  async load(store, id) {
    const c = await getComment(store, id);
    if (!c) return null;
    return {
      kind: 'comment',
      id,
      itemId: c.itemId,
      ownerSub: c.authorSub,
      text: c.deleted ? null : c.body,
      snapshot: { pk: c.pk, sk: c.sk },
    };
  },
  // Keyed by the stored record's own key (a comment or a reply, read in `load`).
  showAs(store, content, change) {
    return [commentVisibilityOp(store, content.snapshot as { pk: string; sk: string }, change)];
  },
  auditRecord(content, change) {
    return moderationAuditRecord({
      id: content.id,
      itemId: content.itemId ?? '',
      visibility: change.visibility,
      hiddenReason: change.visibility === 'visible' ? undefined : change.reason,
    });
  },
};

interface QuestionSnapshot {
  itemId: string;
  questionId: string;
  version: number;
  hiddenParts: Record<string, QuestionHiddenPart>;
  part: string;
  /** The key of the answer's copy on the item's thread, when this is the answer shown there. */
  threadCopy?: { pk: string; sk: string };
}

/**
 * A file on an official's answer, by its upload id: the question's part `file:<uploadId>`, which
 * covers every answer version carrying it (an edit keeps the files of the answer it edits). What
 * the moderator reads is the file's name; the file itself through GET /moderation/files/{id}.
 */
async function loadAnswerFile(store: Store, id: string): Promise<ModeratedContent | null> {
  const upload = await getUpload(store, id);
  if (!upload?.questionId || !upload.itemId) return null;
  const q = await getQuestion(store, upload.itemId, upload.questionId);
  const file = q?.answers.flatMap((a) => a.attachments ?? []).find((f) => f.id === id);
  if (!q || !file) return null;
  const snapshot: QuestionSnapshot = {
    itemId: q.itemId,
    questionId: q.id,
    version: q.version,
    hiddenParts: q.hiddenParts ?? {},
    part: `file:${id}`,
  };
  return { kind: 'answer_file', id, itemId: q.itemId, text: file.name, snapshot };
}

/**
 * A question, an answer version or an answer's file is hidden through the question record's `hiddenParts` (the
 * views then leave its text out), written on the version read: an official's write in between
 * makes this one stale rather than lost, and bumping the version makes theirs stale in turn.
 */
function questionPartKind(kind: 'question' | 'answer' | 'answer_file'): ContentKind {
  return {
    kind,
    async load(store, id) {
      if (kind === 'answer_file') return loadAnswerFile(store, id);
      const [itemId, questionId, version, ...rest] = id.split('_');
      if (!itemId || !questionId || rest.length > 0) return null;
      if ((kind === 'answer') !== (version !== undefined)) return null;
      const q = await getQuestion(store, itemId, questionId);
      if (!q) return null;
      let text: string = q.text;
      let threadCopy: QuestionSnapshot['threadCopy'];
      if (kind === 'answer') {
        const answer = q.answers.find((a) => String(a.version) === version);
        if (!answer) return null;
        text = answer.text;
        // The latest answer is also a comment on the item's thread (publishAnswerOnThread): hiding
        // the answer must hide that copy too, or its text stays public there and in the item feed.
        const copy =
          answer === q.answers.at(-1) && q.threadCommentId
            ? await getComment(store, q.threadCommentId)
            : null;
        if (copy) threadCopy = { pk: copy.pk, sk: copy.sk };
      }
      const snapshot: QuestionSnapshot = {
        itemId,
        questionId,
        version: q.version,
        hiddenParts: q.hiddenParts ?? {},
        part: kind === 'question' ? 'question' : `answer:${version}`,
        ...(threadCopy ? { threadCopy } : {}),
      };
      return {
        kind,
        id,
        itemId,
        ownerSub: kind === 'question' ? q.askerSub : undefined,
        text,
        snapshot,
      } as ModeratedContent;
    },
    showAs(store, content, change: VisibilityChange) {
      const snap = content.snapshot as QuestionSnapshot;
      const { itemId, questionId } = snap;
      const parts = { ...snap.hiddenParts };
      if (change.visibility === 'visible') delete parts[snap.part];
      else
        parts[snap.part] = {
          reason: change.reason ?? 'other',
          pendingReview: change.visibility === 'pending',
        };
      return [
        questionHiddenPartsOp(store, itemId, questionId, parts, snap.version),
        // The thread copy shows as the answer does (a copy hidden on its own as a comment is
        // restored with the answer too: the moderator decides on the answer, which it copies).
        ...(snap.threadCopy
          ? commentKind.showAs(store, { ...content, snapshot: snap.threadCopy }, change)
          : []),
      ];
    },
  };
}

registerContentKind(commentKind);
registerContentKind(questionPartKind('question'));
registerContentKind(questionPartKind('answer'));
registerContentKind(questionPartKind('answer_file'));
registerContentKind(flagExplanationKind);
// Site visit reports and their photos (issue 20, item 1): ids `<itemId>_<visitId>` and the photo's upload id.
registerContentKind(visitKind);
registerContentKind(visitPhotoKind);
