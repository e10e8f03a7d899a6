/**
 * The moderators' page: the queue of flagged comments (with their text, shown as plain text),
 * hide/restore with a reason and a note, and the audit log. The API decides who may see it.
 */
import { type AuditEntry, MODERATION_REASONS, type QueueEntry } from '../../../shared/comments';
import { api } from '../api';
import { canDo } from '../auth';
import { h } from '../dom';
import { formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { describeError } from '../thread/errors';

export function renderModerationPage(container: HTMLElement): () => void {
  let alive = true;
  const queue = h('ol', { className: 'moderation-queue' });
  const audit = h('ol', { className: 'moderation-audit' });
  const status = h('p', { role: 'status' });
  container.append(
    h(
      'section',
      { className: 'moderation', 'aria-labelledby': 'moderation-h' },
      h('h1', { id: 'moderation-h' }, t('moderation.title')),
      h('p', {}, t('moderation.intro')),
      status,
      queue,
      h('h2', {}, t('moderation.audit')),
      audit,
    ),
  );

  function decisionForm(entry: QueueEntry): HTMLFormElement {
    const id = entry.comment.id;
    const reason = h(
      'select',
      { id: `mod-reason-${id}`, name: 'reason' },
      MODERATION_REASONS.map((r) => h('option', { value: r }, t(`reason.${r}`))),
    );
    const note = h('input', { id: `mod-note-${id}`, name: 'note', required: true, maxlength: 1000 });
    const result = h('p', { role: 'status' });
    const act = async (action: 'hide' | 'restore') => {
      try {
        await api(`/api/moderation/comments/${id}/${action}`, {
          method: 'POST',
          body: JSON.stringify({ reason: reason.value, note: note.value }),
        });
        result.textContent = t('moderation.done');
        await load();
      } catch (err) {
        result.textContent = describeError(err);
      }
    };
    const form = h(
      'form',
      { className: 'moderation-decision' },
      h('label', { for: `mod-reason-${id}` }, t('moderation.reason')),
      reason,
      h('label', { for: `mod-note-${id}` }, t('moderation.note')),
      note,
      h(
        'div',
        {},
        h('button', { type: 'button', onclick: () => void act('hide') }, t('moderation.hide')),
        h('button', { type: 'button', onclick: () => void act('restore') }, t('moderation.restore')),
      ),
      result,
    );
    form.addEventListener('submit', (e) => e.preventDefault());
    return form;
  }

  async function load(): Promise<void> {
    if (!canDo('moderation.read')) {
      status.textContent = t('moderation.forbidden');
      return;
    }
    try {
      const [q, a] = await Promise.all([
        api<{ entries: QueueEntry[] }>('/api/moderation/queue'),
        api<{ entries: AuditEntry[] }>('/api/moderation/audit?limit=50'),
      ]);
      if (!alive) return;
      queue.replaceChildren(
        ...(q.entries.length === 0
          ? [h('li', {}, t('moderation.empty'))]
          : q.entries.map((e) =>
              h(
                'li',
                { className: 'moderation-entry', 'data-comment-id': e.comment.id },
                h(
                  'p',
                  {},
                  h('strong', {}, e.comment.author.name),
                  ' · ',
                  formatDateTime(e.comment.createdAt, getLang()),
                  ' · ',
                  t('moderation.flags', { n: e.flagCount }),
                  ' · ',
                  t(`moderation.state.${e.visibility}`),
                ),
                // Plain text on purpose: moderators see exactly what was typed, nothing rendered.
                h('div', { className: 'moderation-text' }, e.text ?? ''),
                h('a', { href: `/items/${e.comment.itemId}` }, t('moderation.openItem')),
                decisionForm(e),
              ),
            )),
      );
      audit.replaceChildren(
        ...a.entries.map((e) =>
          h(
            'li',
            {},
            t('moderation.entry', {
              at: formatDateTime(e.at, getLang()),
              actor: e.actor.name,
              action: t(`moderation.action.${e.action}`),
              reason: t(`reason.${e.reason}`),
            }),
            e.note ? ` — ${e.note}` : '',
          ),
        ),
      );
      status.textContent = '';
    } catch (err) {
      if (alive) status.textContent = describeError(err);
    }
  }
  void load();
  return () => {
    alive = false;
  };
}
