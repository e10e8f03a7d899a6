/**
 * The item panel's club section: recommendations the club made about the item with their follow-up,
 * and, for club members, "put on the agenda" of any session being prepared (the item or one of its
 * questions).
 */

import type { ItemView } from '../../../shared/item';
import { can } from '../../../shared/policy';
import type { QuestionView } from '../../../shared/questions';
import { isAgendaEditable, isUpcoming } from '../../../shared/sessions';
import { ApiError } from '../api';
import { h } from '../dom';
import { formatDate, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { questionsApi } from '../questions/model';
import { navigate } from '../shell';
import { clubNode, clubString } from './clubText';
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
                clubNode(r.text),
                h(
                  'small',
                  {},
                  ` — ${bodyName(names, r.bodyId)}, ${t('sessions.rec.due')}: ${formatDate(r.due, lang)}. `,
                  sessionLink(
                    r.sessionId,
                    t('sessions.panel.fromSession', {
                      title: clubString(r.sessionTitle),
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
    // Any session still being prepared, not only the next one: the agenda after next can be built too.
    let open: SessionView[];
    let questions: QuestionView[];
    try {
      const now = new Date();
      [open, questions] = await Promise.all([
        sessionsApi
          .clubList()
          .then((r) => r.sessions.filter((s) => isAgendaEditable(s.status) && isUpcoming(s, now))),
        questionsApi.forItem(item.id).then((r) => r.questions),
      ]);
    } catch {
      return;
    }
    if (!alive || open.length === 0) return;
    const sessionPick = h(
      'select',
      { id: `club-add-session-${item.id}` },
      open.map((s) =>
        h('option', { value: s.id }, `${clubString(s.title)}, ${formatDateTime(s.startUtc, lang)}`),
      ),
    );
    // A question raised on the item can be the agenda entry itself; its body is invited by default.
    const questionPick = h(
      'select',
      { id: `club-add-question-${item.id}` },
      h('option', { value: '' }, t('club.add.itemItself')),
      questions.map((q) =>
        h('option', { value: q.id }, q.text.length > 80 ? `${q.text.slice(0, 79)}…` : q.text),
      ),
    );
    const button = h(
      'button',
      {
        type: 'submit',
        className: 'sessions-add-button',
      },
      t('club.add.button'),
    );
    const form = h(
      'form',
      {
        className: 'club-add',
        onsubmit: async (e: Event) => {
          e.preventDefault();
          button.disabled = true;
          try {
            const saved = await sessionsApi.addTo(sessionPick.value, {
              itemId: item.id,
              ...(questionPick.value ? { questionId: questionPick.value } : {}),
            });
            status.textContent = t('sessions.panel.added', { title: clubString(saved.title) });
          } catch (err) {
            status.textContent =
              err instanceof ApiError && err.status === 409 && err.problem.code === 'session.entry_exists'
                ? t('club.add.already')
                : errorMessage(err);
          } finally {
            button.disabled = false;
          }
        },
      },
      h('label', { for: sessionPick.id }, t('club.add.session')),
      sessionPick,
      questions.length > 0 ? h('label', { for: questionPick.id }, t('club.add.question')) : '',
      questions.length > 0 ? questionPick : '',
      button,
    );
    action.append(form);
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
