/**
 * The item panel's club section: recommendations the club made about the item with their follow-up,
 * and, for club members, "add to next session".
 */
import type { ItemView } from '../../../shared/item';
import { can } from '../../../shared/policy';
import { ApiError } from '../api';
import { h } from '../dom';
import { formatDate, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { navigate } from '../shell';
import { bodyName, bodyNames, errorMessage, type SessionView, sessionsApi } from './model';
import { currentUser } from './user';

export function renderClubSection(container: HTMLElement, item: ItemView): () => void {
  let alive = true;
  const list = h('div', { className: 'sessions-recs' }, t('sessions.loading'));
  const action = h('div', { className: 'sessions-add' });
  const status = h('p', { role: 'status', className: 'sessions-status' });
  container.append(h('h3', {}, t('sessions.panel.title')), list, action, status);

  void (async () => {
    const [names, recs] = await Promise.all([
      bodyNames(),
      sessionsApi.itemRecommendations(item.id).catch(() => ({ recommendations: [] })),
    ]);
    if (!alive) return;
    const lang = getLang();
    list.replaceChildren(
      recs.recommendations.length === 0
        ? h('p', {}, t('sessions.panel.none'))
        : h(
            'ul',
            {},
            recs.recommendations.map((r) =>
              h(
                'li',
                { 'data-rec-id': r.id },
                h(
                  'span',
                  { className: `followup followup-${r.followUp}` },
                  t(`sessions.followUp.${r.followUp}`),
                ),
                ' ',
                r.text,
                h(
                  'small',
                  {},
                  ` — ${bodyName(names, r.bodyId)}, ${t('sessions.rec.due')}: ${formatDate(r.due, lang)}. `,
                  sessionLink(
                    r.sessionId,
                    t('sessions.panel.fromSession', {
                      title: r.sessionTitle,
                      date: r.sessionStartsAt.slice(0, 10),
                    }),
                  ),
                ),
              ),
            ),
          ),
    );
    const user = await currentUser();
    if (!alive || !can(user, 'sessions.edit')) return;
    let next: SessionView;
    try {
      next = await sessionsApi.nextSession();
    } catch {
      return;
    }
    if (!alive) return;
    const already = next.entries.some((e) => e.itemId === item.id);
    const button = h(
      'button',
      {
        type: 'button',
        className: 'sessions-add-button',
        disabled: already,
        onclick: async () => {
          button.disabled = true;
          try {
            const saved = await sessionsApi.addToNext(item.id);
            status.textContent = t('sessions.panel.added', { title: saved.title });
          } catch (err) {
            status.textContent =
              err instanceof ApiError && err.status === 409 ? t('sessions.panel.already') : errorMessage(err);
            button.disabled = false;
          }
        },
      },
      t('sessions.panel.addTo', { title: next.title, date: formatDateTime(next.startUtc, getLang()) }),
    );
    action.append(button);
    if (already) status.textContent = t('sessions.panel.already');
  })();

  return () => {
    alive = false;
  };
}

function sessionLink(id: string, label: string) {
  const path = `/sessions/${id}`;
  return h(
    'a',
    {
      href: path,
      onclick: (e: Event) => {
        e.preventDefault();
        navigate(path);
      },
    },
    label,
  );
}
