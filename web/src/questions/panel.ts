/**
 * The item panel's questions section: every question about the item with its official answer, the
 * ask-a-question form for signed-in users, and accept / dispute / rate for the asker.
 */
import type { Lang } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import { canRate } from '../../../shared/questions';
import { canDo, currentUser, ready, signInLink } from '../auth';
import { h } from '../dom';
import { formatDate } from '../format';
import { getLang, t } from '../i18n';
import { actionForm, field, languageSelect, questionCard } from './card';
import { bodyNames, errorMessage, type QuestionView, questionsApi } from './model';

export function renderQuestionsSection(container: HTMLElement, item: ItemView): () => void {
  let alive = true;
  const list = h('div', { className: 'q-list' }, t('questions.loading'));
  const ask = h('div', { className: 'q-ask' });
  container.append(h('h3', {}, t('questions.panel.title')), list, ask);

  const draw = async () => {
    const [names, res] = await Promise.all([bodyNames(), questionsApi.forItem(item.id)]);
    await ready;
    if (!alive) return;
    const me = currentUser();
    list.replaceChildren(
      res.questions.length === 0
        ? h('p', {}, t('questions.panel.none'))
        : h('div', {}, ...res.questions.map((q) => questionCard(q, names, askerControls(q, me?.sub)))),
    );
    ask.replaceChildren(
      canDo('questions.raise')
        ? askForm(names.get(item.body.id) ? names : new Map([[item.body.id, item.body.name]]))
        : h('p', { className: 'q-hint' }, signInLink(t('questions.ask.signIn'))),
    );
  };

  const askForm = (names: Map<string, ItemView['body']['name']>) => {
    const text = h('textarea', { name: 'text', rows: 4, required: true, minlength: 10, maxlength: 5000 });
    // Law on Languages art. 11: the body answers in kk or in the question's language, which the asker picks.
    const language = languageSelect(getLang());
    const sent = h('p', { role: 'status', className: 'q-sent' });
    const form = actionForm(
      t('questions.ask.label'),
      [
        field(t('questions.ask.label'), text),
        field(t('questions.lang.question'), language),
        h('p', { className: 'q-hint' }, t('questions.ask.hint', { body: pickName(names, item.body.id) })),
      ],
      t('questions.ask.submit'),
      async () => {
        const q = await questionsApi.raise(item.id, text.value, language.value as Lang);
        text.value = '';
        await draw();
        ask.append(sent);
        sent.textContent = t('questions.ask.sent', { due: formatDate(q.dueOn, getLang()) });
      },
      errorMessage,
    );
    return form;
  };

  const askerControls = (q: QuestionView, sub: string | undefined): HTMLElement | undefined => {
    if (!sub || !q.mine) return undefined;
    const box = h('div', { className: 'q-asker-actions' });
    const act = (work: () => Promise<unknown>) => async () => {
      await work();
      await draw();
    };
    if (q.status === 'answered') {
      const said = h('p', { role: 'status', className: 'q-status-line' });
      const accept = h('button', { type: 'button' }, t('questions.accept'));
      accept.addEventListener('click', () => {
        accept.disabled = true;
        void act(() => questionsApi.accept(q))().catch((err) => {
          accept.disabled = false;
          said.textContent = errorMessage(err);
        });
      });
      box.append(accept, said);
      const reason = h('textarea', { rows: 2, required: true, minlength: 10, maxlength: 2000 });
      box.append(
        actionForm(
          t('questions.disputeAction'),
          [field(t('questions.disputeReason'), reason)],
          t('questions.disputeAction'),
          act(() => questionsApi.dispute(q, reason.value)),
          errorMessage,
        ),
      );
    }
    if (canRate(q.status)) {
      const rating = h(
        'select',
        {},
        [5, 4, 3, 2, 1].map((n) =>
          h('option', { value: n, ...(q.rating === n ? { selected: true } : {}) }, String(n)),
        ),
      );
      box.append(
        actionForm(
          t('questions.rate'),
          [field(t('questions.rate'), rating)],
          t('questions.rateSubmit'),
          act(() => questionsApi.rate(q, Number(rating.value))),
          errorMessage,
        ),
      );
    }
    return box.childElementCount ? box : undefined;
  };

  void draw().catch(() => {
    if (alive) list.textContent = t('questions.loadFailed');
  });
  return () => {
    alive = false;
  };
}

function pickName(names: Map<string, ItemView['body']['name']>, id: string): string {
  const n = names.get(id);
  return (n && (n[getLang()] ?? n.kk ?? n.ru ?? n.en)) || id;
}
