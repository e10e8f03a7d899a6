/**
 * The discussion section of the item panel: comments (oldest or newest first, page by page) with
 * their replies, official badges (an official answer lists its documents as the question card
 * does), +1, flags, the author's edit and delete, following the item, and the compose box. Every
 * piece of user text is rendered as text (RichText). Comments are keyed by id and keep their own
 * open reply, edit or flag form, so a reload after a save keeps what is typed elsewhere.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Attachment, CommentView, ReplyView, ThreadPage } from '../../../shared/comments';
import { pickText } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import { api } from '../api';
import { user } from '../auth/session';
import { DocumentList } from '../evidence/document-list';
import { formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { FlagReasonForm } from '../moderation/reportContent';
import { mount } from '../ui/mount';
import { useMounted } from '../ui/mounted';
import { SignInLink } from '../ui/SignInLink';
import { Compose } from './compose';
import { describeError } from './errors';
import { RichText } from './richtext';

type Order = 'oldest' | 'newest';

export function renderThread(container: HTMLElement, item: ItemView): () => void {
  return mount(container, <Thread item={item} />);
}

interface Loaded {
  comments: CommentView[];
  count: number;
  next?: string;
}

function Thread({ item }: { item: ItemView }) {
  const sub = user.value?.sub;
  const [order, setOrder] = useState<Order>('oldest');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [status, setStatus] = useState('');
  // The latest request wins: an older page arriving late (order switched, user changed) is dropped.
  const request = useRef(0);
  const alive = useMounted();

  async function loadPage(reset: boolean, from = loaded): Promise<void> {
    const mine = ++request.current;
    const q = new URLSearchParams({ order, limit: '20' });
    if (!reset && from?.next) q.set('cursor', from.next);
    try {
      const page = await api<ThreadPage>(`/api/items/${item.id}/comments?${q}`);
      if (!alive.current || mine !== request.current) return;
      setLoaded((before) => ({
        comments: reset || !before ? page.comments : [...before.comments, ...page.comments],
        count: page.count,
        next: page.next,
      }));
      setStatus('');
    } catch {
      if (alive.current && mine === request.current) setStatus(t('thread.loadFailed'));
    }
  }
  const reload = () => loadPage(true);

  // The viewer decides what is "mine" and which actions show: a new user reloads the page.
  useEffect(() => {
    void reload();
  }, [order, item.id, sub]);

  const ctx: ThreadContext = { item, signedIn: Boolean(sub), reload };
  return (
    <section className="thread" aria-labelledby={`thread-h-${item.id}`}>
      <h3 id={`thread-h-${item.id}`}>{t('thread.title')}</h3>
      <p className="thread-count" aria-live="polite">
        {loaded ? t('thread.count', { n: loaded.count }) : ''}
      </p>
      <div className="thread-follow">{sub ? <Follow key={sub} itemId={item.id} /> : null}</div>
      <div className="thread-order">
        <label htmlFor={`thread-order-${item.id}`}>{t('thread.order')}</label>
        <select
          id={`thread-order-${item.id}`}
          name="order"
          value={order}
          onChange={(e) => setOrder(e.currentTarget.value as Order)}
        >
          <option value="oldest">{t('thread.order.oldest')}</option>
          <option value="newest">{t('thread.order.newest')}</option>
        </select>
      </div>
      <ol className="thread-list">
        {loaded?.comments.map((c) => (
          <Comment key={c.id} c={c} ctx={ctx} />
        ))}
        {loaded && loaded.comments.length === 0 ? (
          <li className="thread-empty">{t('thread.empty')}</li>
        ) : null}
      </ol>
      <button
        type="button"
        className="thread-more"
        hidden={!loaded?.next}
        onClick={() => void loadPage(false)}
      >
        {t('thread.more')}
      </button>
      <p className="thread-status" role="status">
        {status}
      </p>
      <div className="thread-compose">
        {sub ? (
          <Compose
            labelKey="thread.compose.label"
            withAttachments
            submitKey="thread.compose.send"
            submit={async (text, attachments) => {
              await api(`/api/items/${item.id}/comments`, {
                method: 'POST',
                body: JSON.stringify({ body: text, attachments }),
              });
              await reload();
            }}
          />
        ) : (
          <p className="hint">
            <SignInLink label={t('thread.signInToComment')} />
          </p>
        )}
      </div>
    </section>
  );
}

interface ThreadContext {
  item: ItemView;
  signedIn: boolean;
  reload(): Promise<void>;
}

function Follow({ itemId }: { itemId: string }) {
  const [following, setFollowing] = useState<boolean | null>(null);
  useEffect(() => {
    let alive = true;
    api<{ following: boolean }>(`/api/items/${itemId}/follow`)
      .then((r) => alive && setFollowing(r.following))
      .catch(() => {});
    return () => {
      alive = false;
    };
  }, [itemId]);
  if (following === null) return null;
  const toggle = async () => {
    await api(`/api/items/${itemId}/follow`, { method: following ? 'DELETE' : 'PUT' });
    setFollowing(!following);
  };
  return (
    <button type="button" aria-pressed={following ? 'true' : 'false'} onClick={() => void toggle()}>
      {t(following ? 'thread.unfollow' : 'thread.follow')}
    </button>
  );
}

/** Photos as thumbnails; documents (and an official answer's files) as the file list every record uses. */
function Attachments({ files }: { files: Attachment[] }) {
  const photos = files.filter((a) => a.thumbnailUrl);
  const documents = files.filter((a) => !a.thumbnailUrl);
  return (
    <>
      {photos.length > 0 ? (
        <ul className="comment-attachments">
          {photos.map((a) => (
            <li key={a.id}>
              <a href={a.url} target="_blank" rel="noopener">
                <img
                  src={a.thumbnailUrl}
                  alt={t('thread.attachment', { name: a.name })}
                  width={160}
                  loading="lazy"
                />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <DocumentList files={documents} label={t('thread.documents')} />
    </>
  );
}

function Body({ c }: { c: ReplyView }) {
  if (c.deleted) return <p className="comment-placeholder">{t('thread.deleted')}</p>;
  if (c.hidden) {
    const reason = t(`reason.${c.hidden.reason}`);
    return (
      <p className="comment-placeholder">
        {t(c.hidden.pendingReview ? 'thread.pending' : 'thread.hidden', { reason })}
      </p>
    );
  }
  return (
    <div className="comment-body" data-user-content="">
      <RichText text={c.body ?? ''} />
    </div>
  );
}

type Extra = { kind: 'reply' | 'edit' | 'flag' } | { kind: 'error'; text: string } | null;

function Comment({
  c,
  ctx,
  isReply = false,
}: {
  c: CommentView | ReplyView;
  ctx: ThreadContext;
  isReply?: boolean;
}) {
  const [extra, setExtra] = useState<Extra>(null);
  // The count the server gave after this viewer's +1, until the comment is loaded afresh.
  const [supported, setSupported] = useState<{ from: number; count: number } | null>(null);
  const { item, signedIn, reload } = ctx;
  const official = c.author.official;
  const visible = !c.deleted && !c.hidden;
  const lang = getLang();
  const close = () => setExtra(null);
  const support = supported && supported.from === c.supportCount ? supported.count : null;
  const supportCount = support ?? c.supportCount;

  const plusOne = async () => {
    try {
      const res = await api<{ supportCount: number }>(`/api/comments/${c.id}/support`, { method: 'POST' });
      setSupported({ from: c.supportCount, count: res.supportCount });
    } catch (err) {
      setExtra({ kind: 'error', text: describeError(err) });
    }
  };
  const remove = async () => {
    if (!confirm(t('thread.deleteConfirm'))) return;
    try {
      await api(`/api/comments/${c.id}`, { method: 'DELETE' });
      await reload();
    } catch (err) {
      setExtra({ kind: 'error', text: describeError(err) });
    }
  };

  const replies = 'replies' in c ? c.replies : undefined;
  return (
    <li>
      <article className={`comment${official ? ' comment-official' : ''}`} data-comment-id={c.id}>
        <header className="comment-header">
          <span className="comment-author" data-user-content="">
            {c.author.name}
          </span>
          {official ? (
            <span className="official-badge">
              {t('thread.official', { body: pickText(official.bodyName, lang) })}
            </span>
          ) : null}
          <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, lang)}</time>
          {c.editedAt ? (
            <span className="comment-edited" title={c.editedAt}>
              {t('thread.edited')}
            </span>
          ) : null}
        </header>
        <Body c={c} />
        {visible && c.attachments.length > 0 ? <Attachments files={c.attachments} /> : null}
        <div className="comment-actions">
          {visible ? (
            <button
              type="button"
              className="support"
              aria-label={t('thread.supportLabel', { n: supportCount })}
              aria-pressed={support !== null ? 'true' : undefined}
              disabled={!signedIn}
              onClick={() => void plusOne()}
            >
              {`${t('thread.support')} ${supportCount}`}
            </button>
          ) : null}
          {signedIn && visible && !isReply ? (
            <button type="button" onClick={() => setExtra({ kind: 'reply' })}>
              {t('thread.reply')}
            </button>
          ) : null}
          {signedIn && visible && !c.mine ? (
            <button type="button" onClick={() => setExtra({ kind: 'flag' })}>
              {t('thread.flag')}
            </button>
          ) : null}
          {c.mine && !c.deleted ? (
            <>
              <button type="button" onClick={() => setExtra({ kind: 'edit' })}>
                {t('thread.edit')}
              </button>
              <button type="button" onClick={() => void remove()}>
                {t('thread.delete')}
              </button>
            </>
          ) : null}
        </div>
        <div className="comment-extra">
          {extra?.kind === 'reply' ? (
            <Compose
              key="reply"
              labelKey="thread.compose.replyLabel"
              withAttachments
              submitKey="thread.compose.send"
              cancel={close}
              submit={async (text, attachments) => {
                await api(`/api/items/${item.id}/comments`, {
                  method: 'POST',
                  body: JSON.stringify({ body: text, parentId: c.id, attachments }),
                });
                close();
                await reload();
              }}
            />
          ) : extra?.kind === 'edit' ? (
            <Compose
              key="edit"
              labelKey="thread.compose.label"
              initial={c.body ?? ''}
              withAttachments={false}
              submitKey="thread.save"
              cancel={close}
              submit={async (text) => {
                await api(`/api/comments/${c.id}`, { method: 'PATCH', body: JSON.stringify({ body: text }) });
                close();
                await reload();
              }}
            />
          ) : extra?.kind === 'flag' ? (
            <FlagReasonForm action={`/api/comments/${c.id}/flags`} fieldId={`flag-${c.id}`} close={close} />
          ) : extra?.kind === 'error' ? (
            <p role="status">{extra.text}</p>
          ) : null}
        </div>
      </article>
      {replies && replies.length > 0 ? (
        <ol className="thread-replies">
          {replies.map((r) => (
            <Comment key={r.id} c={r} ctx={ctx} isReply />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
