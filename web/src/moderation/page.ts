/**
 * The moderators' page: flagged content of every kind (comments, questions, answers…) and the
 * content a moderator hid (so a mistaken hide can be restored), each with its text shown as plain
 * text, hide/restore with a reason and a note, its own history, and the audit log. The API decides
 * who may see it.
 */
import { type AuditEntry, MODERATION_REASONS } from '../../../shared/comments';
import type { HistoryEntry, ModeratedEntry } from '../../../shared/moderation';
import { api } from '../api';
import { canDo } from '../auth';
import { h } from '../dom';
import { formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { describeError } from '../thread/errors';
import { blurEditor } from './blurEditor';
import './moderation.css';

export function renderModerationPage(container: HTMLElement): () => void {
  let alive = true;
  const queue = h('ol', { className: 'moderation-queue' });
  let listed: 'flagged' | 'hidden' = 'flagged';
  const tab = (which: 'flagged' | 'hidden') =>
    h(
      'button',
      {
        type: 'button',
        className: 'moderation-tab',
        'data-tab': which,
        onclick: () => {
          listed = which;
          for (const b of tabs.querySelectorAll('button'))
            b.setAttribute('aria-pressed', String(b.dataset.tab === which));
          void load();
        },
      },
      t(`moderation.tab.${which}`),
    );
  const tabs = h('div', { className: 'moderation-tabs', role: 'group' }, tab('flagged'), tab('hidden'));
  tabs.querySelector('button')?.setAttribute('aria-pressed', 'true');
  tabs.querySelectorAll('button')[1]?.setAttribute('aria-pressed', 'false');
  const audit = h('ol', { className: 'moderation-audit' });
  const status = h('p', { role: 'status' });
  container.append(
    h(
      'section',
      { className: 'moderation', 'aria-labelledby': 'moderation-h' },
      h('h1', { id: 'moderation-h' }, t('moderation.title')),
      h('p', {}, t('moderation.intro')),
      status,
      tabs,
      queue,
      h('h2', {}, t('moderation.audit')),
      audit,
    ),
  );

  function decisionForm(entry: ModeratedEntry): HTMLFormElement {
    const id = `${entry.kind}-${entry.id}`;
    const reason = h(
      'select',
      { id: `mod-reason-${id}`, name: 'reason' },
      MODERATION_REASONS.map((r) => h('option', { value: r }, t(`reason.${r}`))),
    );
    const note = h('input', { id: `mod-note-${id}`, name: 'note', required: true, maxlength: 1000 });
    const result = h('p', { role: 'status' });
    const history = h('ol', { className: 'moderation-history' });
    const act = async (action: 'hide' | 'restore') => {
      try {
        await api(`/api/moderation/content/${entry.kind}/${entry.id}/${action}`, {
          method: 'POST',
          body: JSON.stringify({ reason: reason.value, note: note.value }),
        });
        result.textContent = t('moderation.done');
        await load();
      } catch (err) {
        result.textContent = describeError(err);
      }
    };
    const showHistory = async () => {
      try {
        const r = await api<{ history: HistoryEntry[] }>(`/api/moderation/content/${entry.kind}/${entry.id}`);
        history.replaceChildren(
          ...r.history.map((e) =>
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
        h('button', { type: 'button', onclick: () => void showHistory() }, t('moderation.history')),
      ),
      result,
      history,
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
        api<{ entries: ModeratedEntry[] }>(`/api/moderation/queue?status=${listed}`),
        api<{ entries: AuditEntry[] }>('/api/moderation/audit?limit=50'),
      ]);
      if (!alive) return;
      queue.replaceChildren(
        ...(q.entries.length === 0
          ? [h('li', {}, t(`moderation.empty.${listed}`))]
          : q.entries.map((e) =>
              h(
                'li',
                { className: 'moderation-entry', 'data-kind': e.kind, 'data-content-id': e.id },
                h(
                  'p',
                  {},
                  h('strong', {}, t(`moderation.kind.${e.kind}`)),
                  ' · ',
                  formatDateTime(e.since, getLang()),
                  ' · ',
                  t('moderation.flags', { n: e.flagCount }),
                  ' · ',
                  t(`moderation.state.${e.visibility}`),
                ),
                // Plain text on purpose: moderators see exactly what was typed, nothing rendered.
                h('div', { className: 'moderation-text' }, e.text ?? ''),
                e.itemId ? h('a', { href: `/items/${e.itemId}` }, t('moderation.openItem')) : '',
                // A visit photo's id is its upload's: it can be published with faces and plates blurred.
                e.kind === 'visit_photo' ? blurEditor(e.id) : '',
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
