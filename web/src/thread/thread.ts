/**
 * The discussion section of the item panel: comments (oldest or newest first, page by page) with
 * their replies, official badges, +1, flags, the author's edit and delete, following the item,
 * and the compose box. Every piece of user text is rendered through renderCommentText (DOM nodes).
 */
import {
  type Attachment,
  type CommentView,
  MODERATION_REASONS,
  type ReplyView,
  type ThreadPage,
} from '../../../shared/comments';
import { pickText } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import { api } from '../api';
import { currentUser, onUserChange, signInLink } from '../auth';
import { h } from '../dom';
import { documentLink } from '../evidence/document-link';
import { formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { composeBox } from './compose';
import { describeError } from './errors';
import { renderCommentText } from './richtext-dom';

type Order = 'oldest' | 'newest';

export function renderThread(container: HTMLElement, item: ItemView): () => void {
  let order: Order = 'oldest';
  let alive = true;
  const list = h('ol', { className: 'thread-list' });
  const countLine = h('p', { className: 'thread-count', 'aria-live': 'polite' });
  const status = h('p', { className: 'thread-status', role: 'status' });
  const more = h('button', { type: 'button', className: 'thread-more', hidden: true }, t('thread.more'));
  const followSlot = h('div', { className: 'thread-follow' });
  const composeSlot = h('div', { className: 'thread-compose' });
  let next: string | undefined;

  const orderSelect = h(
    'select',
    { id: `thread-order-${item.id}` },
    h('option', { value: 'oldest' }, t('thread.order.oldest')),
    h('option', { value: 'newest' }, t('thread.order.newest')),
  );
  orderSelect.addEventListener('change', () => {
    order = orderSelect.value as Order;
    void reload();
  });

  const section = h(
    'section',
    { className: 'thread', 'aria-labelledby': `thread-h-${item.id}` },
    h('h3', { id: `thread-h-${item.id}` }, t('thread.title')),
    countLine,
    followSlot,
    h(
      'div',
      { className: 'thread-order' },
      h('label', { for: `thread-order-${item.id}` }, t('thread.order')),
      orderSelect,
    ),
    list,
    more,
    status,
    composeSlot,
  );
  container.append(section);

  async function loadPage(reset: boolean): Promise<void> {
    const q = new URLSearchParams({ order, limit: '20' });
    if (!reset && next) q.set('cursor', next);
    try {
      const page = await api<ThreadPage>(`/api/items/${item.id}/comments?${q}`);
      if (!alive) return;
      if (reset) list.replaceChildren();
      countLine.textContent = t('thread.count', { n: page.count });
      for (const c of page.comments) list.append(commentNode(c));
      if (reset && page.comments.length === 0)
        list.append(h('li', { className: 'thread-empty' }, t('thread.empty')));
      next = page.next;
      more.hidden = !next;
      status.textContent = '';
    } catch {
      if (alive) status.textContent = t('thread.loadFailed');
    }
  }
  const reload = () => loadPage(true);
  more.addEventListener('click', () => void loadPage(false));

  function attachmentNode(a: Attachment): HTMLElement {
    if (a.thumbnailUrl) {
      return h(
        'li',
        {},
        h(
          'a',
          { href: a.url, target: '_blank', rel: 'noopener' },
          h('img', {
            src: a.thumbnailUrl,
            alt: t('thread.attachment', { name: a.name }),
            width: 160,
            loading: 'lazy',
          }),
        ),
      );
    }
    // A document: its name, kind and size, and the note when it is a signed PDF published as received.
    return h('li', {}, documentLink(a));
  }

  function bodyNode(c: ReplyView): HTMLElement {
    if (c.deleted) return h('p', { className: 'comment-placeholder' }, t('thread.deleted'));
    if (c.hidden) {
      const reason = t(`reason.${c.hidden.reason}`);
      return h(
        'p',
        { className: 'comment-placeholder' },
        t(c.hidden.pendingReview ? 'thread.pending' : 'thread.hidden', { reason }),
      );
    }
    const div = h('div', { className: 'comment-body', 'data-user-content': '' });
    div.append(renderCommentText(c.body ?? ''));
    return div;
  }

  function flagForm(c: ReplyView, done: () => void): HTMLFormElement {
    const select = h(
      'select',
      { id: `flag-${c.id}`, name: 'reason' },
      MODERATION_REASONS.map((r) => h('option', { value: r }, t(`reason.${r}`))),
    );
    const note = h('p', { role: 'status' });
    const form = h(
      'form',
      { className: 'flag-form' },
      h('label', { for: `flag-${c.id}` }, t('thread.flagReason')),
      select,
      h('button', { type: 'submit' }, t('thread.flagSend')),
      h('button', { type: 'button', className: 'link-button', onclick: done }, t('thread.cancel')),
      note,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await api(`/api/comments/${c.id}/flags`, {
          method: 'POST',
          body: JSON.stringify({ reason: select.value }),
        });
        note.textContent = t('thread.flagged');
      } catch (err) {
        note.textContent = describeError(err);
      }
    });
    return form;
  }

  function commentNode(c: CommentView | ReplyView, isReply = false): HTMLElement {
    const signedIn = Boolean(currentUser());
    const official = c.author.official;
    const header = h(
      'header',
      { className: 'comment-header' },
      h('span', { className: 'comment-author', 'data-user-content': '' }, c.author.name),
      official
        ? h(
            'span',
            { className: 'official-badge' },
            t('thread.official', { body: pickText(official.bodyName, getLang()) }),
          )
        : null,
      h('time', { datetime: c.createdAt }, formatDateTime(c.createdAt, getLang())),
      c.editedAt ? h('span', { className: 'comment-edited', title: c.editedAt }, t('thread.edited')) : null,
    );
    const body = bodyNode(c);
    const extra = h('div', { className: 'comment-extra' });
    const actions = h('div', { className: 'comment-actions' });
    const visible = !c.deleted && !c.hidden;
    if (visible) {
      const support = h(
        'button',
        {
          type: 'button',
          className: 'support',
          'aria-label': t('thread.supportLabel', { n: c.supportCount }),
          disabled: !signedIn,
        },
        `${t('thread.support')} ${c.supportCount}`,
      );
      support.addEventListener('click', async () => {
        try {
          const res = await api<{ supportCount: number }>(`/api/comments/${c.id}/support`, {
            method: 'POST',
          });
          support.textContent = `${t('thread.support')} ${res.supportCount}`;
          support.setAttribute('aria-label', t('thread.supportLabel', { n: res.supportCount }));
          support.setAttribute('aria-pressed', 'true');
        } catch (err) {
          extra.replaceChildren(h('p', { role: 'status' }, describeError(err)));
        }
      });
      actions.append(support);
    }
    if (signedIn && visible && !isReply) {
      actions.append(
        h(
          'button',
          {
            type: 'button',
            onclick: () =>
              extra.replaceChildren(
                composeBox({
                  labelKey: 'thread.compose.replyLabel',
                  withAttachments: true,
                  submitKey: 'thread.compose.send',
                  cancel: () => extra.replaceChildren(),
                  submit: async (text, attachments) => {
                    await api(`/api/items/${item.id}/comments`, {
                      method: 'POST',
                      body: JSON.stringify({ body: text, parentId: c.id, attachments }),
                    });
                    await reload();
                  },
                }),
              ),
          },
          t('thread.reply'),
        ),
      );
    }
    if (signedIn && visible && !c.mine) {
      actions.append(
        h(
          'button',
          {
            type: 'button',
            onclick: () => extra.replaceChildren(flagForm(c, () => extra.replaceChildren())),
          },
          t('thread.flag'),
        ),
      );
    }
    if (c.mine && !c.deleted) {
      actions.append(
        h(
          'button',
          {
            type: 'button',
            onclick: () =>
              extra.replaceChildren(
                composeBox({
                  labelKey: 'thread.compose.label',
                  initial: c.body ?? '',
                  withAttachments: false,
                  submitKey: 'thread.save',
                  cancel: () => extra.replaceChildren(),
                  submit: async (text) => {
                    await api(`/api/comments/${c.id}`, {
                      method: 'PATCH',
                      body: JSON.stringify({ body: text }),
                    });
                    await reload();
                  },
                }),
              ),
          },
          t('thread.edit'),
        ),
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              if (!confirm(t('thread.deleteConfirm'))) return;
              try {
                await api(`/api/comments/${c.id}`, { method: 'DELETE' });
                await reload();
              } catch (err) {
                extra.replaceChildren(h('p', { role: 'status' }, describeError(err)));
              }
            },
          },
          t('thread.delete'),
        ),
      );
    }
    const article = h(
      'article',
      { className: `comment${official ? ' comment-official' : ''}`, 'data-comment-id': c.id },
      header,
      body,
      visible && c.attachments.length > 0
        ? h('ul', { className: 'comment-attachments' }, c.attachments.map(attachmentNode))
        : null,
      actions,
      extra,
    );
    const li = h('li', {}, article);
    const replies = 'replies' in c ? c.replies : undefined;
    if (replies && replies.length > 0) {
      li.append(
        h(
          'ol',
          { className: 'thread-replies' },
          replies.map((r) => commentNode(r, true)),
        ),
      );
    }
    return li;
  }

  async function renderFollow(): Promise<void> {
    followSlot.replaceChildren();
    if (!currentUser()) return;
    try {
      const { following } = await api<{ following: boolean }>(`/api/items/${item.id}/follow`);
      let now = following;
      const button = h(
        'button',
        { type: 'button', 'aria-pressed': String(now) },
        t(now ? 'thread.unfollow' : 'thread.follow'),
      );
      button.addEventListener('click', async () => {
        await api(`/api/items/${item.id}/follow`, { method: now ? 'DELETE' : 'PUT' });
        now = !now;
        button.setAttribute('aria-pressed', String(now));
        button.textContent = t(now ? 'thread.unfollow' : 'thread.follow');
      });
      if (alive) followSlot.append(button);
    } catch {}
  }

  function renderCompose(): void {
    composeSlot.replaceChildren(
      currentUser()
        ? composeBox({
            labelKey: 'thread.compose.label',
            withAttachments: true,
            submitKey: 'thread.compose.send',
            submit: async (text, attachments) => {
              await api(`/api/items/${item.id}/comments`, {
                method: 'POST',
                body: JSON.stringify({ body: text, attachments }),
              });
              await reload();
            },
          })
        : h('p', { className: 'hint' }, signInLink(t('thread.signInToComment'))),
    );
  }

  const refreshForUser = () => {
    renderCompose();
    void renderFollow();
    void reload();
  };
  const stopListening = onUserChange(() => {
    if (alive) refreshForUser();
  });
  refreshForUser();

  return () => {
    alive = false;
    stopListening();
  };
}
