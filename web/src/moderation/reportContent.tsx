/**
 * "Flag" on any public content that is not a comment (issue 20, item 1): a question, an official's
 * answer, one of its files, a site visit report or its photo. The same reasons and words as a
 * comment's flag; the API (`POST /api/content/{kind}/{id}/flags`) counts flags from different people
 * and hides the content for review at the threshold. Shown only to a signed-in reader, never on
 * their own content.
 */
import { useState } from 'preact/hooks';
import { MODERATION_REASONS } from '../../../shared/comments';
import { api } from '../api';
import { user } from '../auth/session';
import { t } from '../i18n';
import { describeError } from '../thread/errors';
import { onSubmit, useFields } from '../ui/form';

/** The moderated kinds a reader can flag from a page (content ids: functions/services/content-kinds.ts). */
export type ReportableKind = 'question' | 'answer' | 'answer_file' | 'visit' | 'visit_photo';

/** The content id of a question (`<itemId>_<questionId>`) or one answer version (`…_<version>`). */
export const questionContentId = (itemId: string, questionId: string, version?: number) =>
  version === undefined ? `${itemId}_${questionId}` : `${itemId}_${questionId}_${version}`;

export function ReportContent({
  kind,
  id,
  mine = false,
}: {
  kind: ReportableKind;
  id: string;
  mine?: boolean;
}) {
  const [open, setOpen] = useState(false);
  if (!user.value || mine) return null;
  return (
    <span className="report-content" data-report={kind}>
      {open ? (
        <FlagReasonForm
          action={`/api/content/${kind}/${encodeURIComponent(id)}/flags`}
          fieldId={`report-${kind}-${id}`}
          close={() => setOpen(false)}
        />
      ) : (
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          {t('thread.flag')}
        </button>
      )}
    </span>
  );
}

/**
 * The reason picker and "Send flag" of every flag on the site (comments too, web/src/thread): posts
 * `{ reason }` to `action` and says in its status line that the flag was recorded or why not.
 */
export function FlagReasonForm({
  action,
  fieldId,
  close,
}: {
  action: string;
  fieldId: string;
  close: () => void;
}) {
  const fields = useFields({ reason: MODERATION_REASONS[0] as string });
  const [note, setNote] = useState('');
  const send = async () => {
    try {
      await api(action, { method: 'POST', body: JSON.stringify({ reason: fields.values.reason }) });
      setNote(t('thread.flagged'));
    } catch (err) {
      setNote(describeError(err));
    }
  };
  return (
    <form className="flag-form" onSubmit={onSubmit(() => void send())}>
      <label htmlFor={fieldId}>{t('thread.flagReason')}</label>
      <select id={fieldId} {...fields.bind('reason')}>
        {MODERATION_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`reason.${r}`)}
          </option>
        ))}
      </select>
      <button type="submit">{t('thread.flagSend')}</button>
      <button type="button" className="link-button" onClick={close}>
        {t('thread.cancel')}
      </button>
      <p role="status">{note}</p>
    </form>
  );
}
