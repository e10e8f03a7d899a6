/**
 * The moderators' page: flagged content of every kind (comments, questions, answers, an answer's
 * file, visit reports and photos…) and the content a moderator hid (so a mistaken hide can be
 * restored), each with its text shown as plain text, hide/restore with a reason and a note, its own
 * history, and the audit log. The API decides who may see it.
 *
 * Components on signals: the language and the signed-in user re-render it; entries are keyed by
 * kind and id, so a note typed into one entry's form survives another entry's decision (which
 * reloads the queue) and a language switch.
 */
import { useEffect, useState } from 'preact/hooks';
import { type AuditEntry, MODERATION_REASONS, type ModerationReason } from '../../../shared/comments';
import type { HistoryEntry, ModeratedEntry } from '../../../shared/moderation';
import { send, toApiError } from '../api';
import { call, client } from '../api/client';
import { canDo } from '../auth';
import { formatDateTime } from '../format';
import { lang, t } from '../i18n';
import { describeError } from '../thread/errors';
import { Link } from '../ui/Link';
import { mount } from '../ui/mount';
import { BlurEditor } from './blurEditor';
import './moderation.css';

type Listed = 'flagged' | 'hidden';
type LogLine = Pick<HistoryEntry, 'at' | 'actor' | 'action' | 'reason' | 'note'>;

export function renderModerationPage(container: HTMLElement): () => void {
  return mount(container, <ModerationPage />);
}

/** One line of a history or of the audit log. */
function LogEntry({ e }: { e: LogLine }) {
  return (
    <li>
      {t('moderation.entry', {
        at: formatDateTime(e.at, lang.value),
        actor: e.actor.name,
        action: t(`moderation.action.${e.action}`),
        reason: t(`reason.${e.reason}`),
      })}
      {e.note ? ` — ${e.note}` : ''}
    </li>
  );
}

function ModerationPage() {
  const allowed = canDo('moderation.read');
  const [listed, setListed] = useState<Listed>('flagged');
  const [entries, setEntries] = useState<ModeratedEntry[] | null>(null);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  // The error itself, worded at render time, so it follows a language switch.
  const [failure, setFailure] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const reload = () => setRound((n) => n + 1);

  useEffect(() => {
    if (!allowed) return;
    let alive = true;
    Promise.all([
      call(client.GET('/api/moderation/queue', { params: { query: { status: listed } } })),
      call(client.GET('/api/moderation/audit', { params: { query: { limit: 50 } } })),
    ]).then(
      ([q, a]) => {
        if (!alive) return;
        setEntries(q.entries as ModeratedEntry[]);
        setAudit(a.entries as AuditEntry[]);
        setFailure(null);
      },
      (err: unknown) => {
        if (alive) setFailure(err);
      },
    );
    return () => {
      alive = false;
    };
  }, [allowed, listed, round]);

  return (
    <section className="moderation" aria-labelledby="moderation-h">
      <h1 id="moderation-h">{t('moderation.title')}</h1>
      <p>{t('moderation.intro')}</p>
      <p role="status">{!allowed ? t('moderation.forbidden') : failure ? describeError(failure) : ''}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: two toggle buttons, not a form's fieldset */}
      <div className="moderation-tabs" role="group">
        {(['flagged', 'hidden'] as const).map((which) => (
          <button
            key={which}
            type="button"
            className="moderation-tab"
            data-tab={which}
            aria-pressed={listed === which}
            onClick={() => {
              setListed(which);
              reload();
            }}
          >
            {t(`moderation.tab.${which}`)}
          </button>
        ))}
      </div>
      <ol className="moderation-queue">
        {entries?.length === 0 ? <li>{t(`moderation.empty.${listed}`)}</li> : null}
        {entries?.map((e) => (
          <QueueEntry key={`${e.kind}:${e.id}`} entry={e} onDecided={reload} />
        ))}
      </ol>
      <h2>{t('moderation.audit')}</h2>
      <ol className="moderation-audit">
        {audit.map((e) => (
          <LogEntry key={e.id} e={e} />
        ))}
      </ol>
    </section>
  );
}

function QueueEntry({ entry: e, onDecided }: { entry: ModeratedEntry; onDecided: () => void }) {
  return (
    <li className="moderation-entry" data-kind={e.kind} data-content-id={e.id}>
      <p>
        <strong>{t(`moderation.kind.${e.kind}`)}</strong>
        {' · '}
        {formatDateTime(e.since, lang.value)}
        {' · '}
        {t('moderation.flags', { n: e.flagCount })}
        {' · '}
        {t(`moderation.state.${e.visibility}`)}
      </p>
      {/* Plain text on purpose: moderators see exactly what was typed, nothing rendered. */}
      <div className="moderation-text">{e.text ?? ''}</div>
      {e.itemId ? <Link href={`/items/${e.itemId}`}>{t('moderation.openItem')}</Link> : null}
      {/* An answer's file is opened through the moderators' route, also while hidden. */}
      {e.kind === 'answer_file' ? <FilePreview id={e.id} name={e.text ?? ''} /> : null}
      {/* A visit photo's id is its upload's: it can be published with faces and plates blurred. */}
      {e.kind === 'visit_photo' ? <BlurEditor photoId={e.id} /> : null}
      <DecisionForm entry={e} onDecided={onDecided} />
    </li>
  );
}

/**
 * A posted file as the moderator gets it (GET /api/moderation/files/{id}, with the sign-in token,
 * never cached): an image shown, anything else (a PDF) offered as a download, never opened in the
 * hub's page. The bytes stay in this tab (an object URL), nothing shareable is made.
 */
function FilePreview({ id, name }: { id: string; name: string }) {
  const [file, setFile] = useState<{ url: string; image: boolean } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => () => (file ? URL.revokeObjectURL(file.url) : undefined), [file]);
  const open = async () => {
    try {
      const res = await send(new Request(`/api/moderation/files/${encodeURIComponent(id)}`));
      if (!res.ok) throw await toApiError(res);
      const blob = await res.blob();
      setFile({ url: URL.createObjectURL(blob), image: blob.type.startsWith('image/') });
      setFailure(null);
    } catch (err) {
      setFailure(err);
    }
  };
  return (
    <div className="moderation-file">
      {file === null ? (
        <button type="button" onClick={() => void open()}>
          {t('moderation.openFile')}
        </button>
      ) : file.image ? (
        <img src={file.url} alt={name} className="moderation-file-image" />
      ) : (
        <a href={file.url} download={name}>
          {name}
        </a>
      )}
      {failure ? <p role="status">{describeError(failure)}</p> : null}
    </div>
  );
}

function DecisionForm({ entry, onDecided }: { entry: ModeratedEntry; onDecided: () => void }) {
  const id = `${entry.kind}-${entry.id}`;
  const [reason, setReason] = useState<ModerationReason>(MODERATION_REASONS[0]);
  const [note, setNote] = useState('');
  const [result, setResult] = useState<{ done: true } | { failure: unknown } | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const path = { kind: entry.kind, id: entry.id };

  const act = async (action: 'hide' | 'restore') => {
    try {
      const body = { reason, note };
      await call(
        action === 'hide'
          ? client.POST('/api/moderation/content/{kind}/{id}/hide', { params: { path }, body })
          : client.POST('/api/moderation/content/{kind}/{id}/restore', { params: { path }, body }),
      );
      setResult({ done: true });
      onDecided();
    } catch (err) {
      setResult({ failure: err });
    }
  };
  const showHistory = async () => {
    try {
      const r = await call(client.GET('/api/moderation/content/{kind}/{id}', { params: { path } }));
      setHistory(r.history as HistoryEntry[]);
    } catch (err) {
      setResult({ failure: err });
    }
  };

  return (
    <form className="moderation-decision" onSubmit={(ev) => ev.preventDefault()}>
      <label for={`mod-reason-${id}`}>{t('moderation.reason')}</label>
      <select
        id={`mod-reason-${id}`}
        name="reason"
        value={reason}
        onChange={(ev) => setReason(ev.currentTarget.value as ModerationReason)}
      >
        {MODERATION_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`reason.${r}`)}
          </option>
        ))}
      </select>
      <label for={`mod-note-${id}`}>{t('moderation.note')}</label>
      <input
        id={`mod-note-${id}`}
        name="note"
        required
        maxLength={1000}
        value={note}
        onInput={(ev) => setNote(ev.currentTarget.value)}
      />
      <div>
        <button type="button" onClick={() => void act('hide')}>
          {t('moderation.hide')}
        </button>
        <button type="button" onClick={() => void act('restore')}>
          {t('moderation.restore')}
        </button>
        <button type="button" onClick={() => void showHistory()}>
          {t('moderation.history')}
        </button>
      </div>
      <p role="status">
        {result === null ? '' : 'done' in result ? t('moderation.done') : describeError(result.failure)}
      </p>
      <ol className="moderation-history">
        {history.map((h) => (
          <LogEntry key={h.id} e={h} />
        ))}
      </ol>
    </form>
  );
}
