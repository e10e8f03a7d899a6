/**
 * The content kinds this hub moderates today: comments (and replies), questions to bodies, and
 * officials' answers (each answer version on its own). Later kinds (attachments, visit reports)
 * register themselves the same way with `registerContentKind`.
 *
 * Ids: a comment's ULID; `<itemId>_<questionId>` for a question; `<itemId>_<questionId>_<version>`
 * for an answer version.
 */
import type { QuestionHiddenPart } from '../../shared/questions';
import { moderationAuditRecord } from '../audit/records';
import { getComment } from '../data/comments';
import { getQuestion, questionKeys } from '../data/questions';
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
  showAs(store, content, change) {
    const hide = change.visibility !== 'visible';
    return [
      {
        Update: {
          TableName: store.table,
          Key: content.snapshot as { pk: string; sk: string },
          UpdateExpression:
            (hide ? 'SET visibility = :v, hiddenReason = :r' : 'SET visibility = :v') +
            (change.reviewed ? ', reviewedAt = :at' : '') +
            (hide ? '' : ' REMOVE hiddenReason') +
            // The older per-comment queue is no longer fed; a decision takes a comment out of it.
            (change.reviewed ? (hide ? ' REMOVE gsi5pk, gsi5sk' : ', gsi5pk, gsi5sk') : ''),
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':v': change.visibility,
            ...(hide ? { ':r': change.reason ?? 'other' } : {}),
            ...(change.reviewed ? { ':at': change.at } : {}),
          },
        },
      },
    ];
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
  version: number;
  hiddenParts: Record<string, QuestionHiddenPart>;
  part: string;
}

/**
 * A question or an answer version is hidden through the question record's `hiddenParts` (the
 * views then leave its text out), written on the version read: an official's write in between
 * makes this one stale rather than lost, and bumping the version makes theirs stale in turn.
 */
function questionPartKind(kind: 'question' | 'answer'): ContentKind {
  return {
    kind,
    async load(store, id) {
      const [itemId, questionId, version, ...rest] = id.split('_');
      if (!itemId || !questionId || rest.length > 0) return null;
      if ((kind === 'answer') !== (version !== undefined)) return null;
      const q = await getQuestion(store, itemId, questionId);
      if (!q) return null;
      let text: string = q.text;
      if (kind === 'answer') {
        const answer = q.answers.find((a) => String(a.version) === version);
        if (!answer) return null;
        text = answer.text;
      }
      const snapshot: QuestionSnapshot = {
        version: q.version,
        hiddenParts: q.hiddenParts ?? {},
        part: kind === 'question' ? 'question' : `answer:${version}`,
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
      const [itemId, questionId] = content.id.split('_');
      const parts = { ...snap.hiddenParts };
      if (change.visibility === 'visible') delete parts[snap.part];
      else
        parts[snap.part] = {
          reason: change.reason ?? 'other',
          pendingReview: change.visibility === 'pending',
        };
      return [
        {
          Update: {
            TableName: store.table,
            Key: { pk: questionKeys.pk(itemId ?? ''), sk: questionKeys.sk(questionId ?? '') },
            UpdateExpression: 'SET hiddenParts = :parts, version = :next',
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':parts': parts, ':v': snap.version, ':next': snap.version + 1 },
          },
        },
      ];
    },
  };
}

registerContentKind(commentKind);
registerContentKind(questionPartKind('question'));
registerContentKind(questionPartKind('answer'));
registerContentKind(flagExplanationKind);
// Site visit reports and their photos (issue 20, item 1): ids `<itemId>_<visitId>` and the photo's upload id.
registerContentKind(visitKind);
registerContentKind(visitPhotoKind);
