/**
 * The official inbox of a body: its questions by legal due date, overdue highlighted, due-soon
 * warned, filters; review, answer (or edit the answer), extend and redirect right there.
 */
import type { Lang, Localized } from '../../../shared/i18n-text';
import { canEditAnswer, isLawfulAnswerLanguage, isOpen, nextStatus } from '../../../shared/questions';
import { currentUser, ready } from '../auth';
import { h } from '../dom';
import { getLang, t } from '../i18n';
import { actionForm, field, languageSelect, questionCard } from './card';
import { itemLink } from './minePage';
import { bodyName, bodyNames, errorMessage, type QuestionView, questionsApi } from './model';

export function renderInboxPage(container: HTMLElement, url: URL): () => void {
  let alive = true;
  const controls = h('div', { className: 'q-filters' });
  const counts = h('p', { className: 'q-counts', role: 'status' });
  const list = h('div', { className: 'q-list' }, t('questions.loading'));
  container.append(
    h(
      'section',
      { className: 'q-page' },
      h('h1', { tabindex: -1 }, t('questions.inbox.title')),
      controls,
      counts,
      list,
    ),
  );

  void (async () => {
    await ready;
    if (!alive) return;
    const me = currentUser();
    const myBodies = me?.roles.includes('official') ? me.bodies : [];
    if (myBodies.length === 0) {
      list.textContent = t('questions.inbox.officialsOnly');
      return;
    }
    const names = await bodyNames();
    const select = (label: string, name: string, options: [string, string][], value: string) => {
      const el = h(
        'select',
        { name },
        options.map(([v, text]) =>
          h('option', { value: v, ...(v === value ? { selected: true } : {}) }, text),
        ),
      );
      el.addEventListener('change', () => void load());
      return { el, wrap: field(label, el) };
    };
    const wanted = url.searchParams.get('body');
    const body = select(
      t('questions.inbox.body'),
      'body',
      myBodies.map((b) => [b, bodyName(names, b)]),
      wanted && myBodies.includes(wanted) ? wanted : myBodies[0]!,
    );
    const status = select(
      t('questions.filter.status'),
      'status',
      [
        ['open', t('questions.filter.open')],
        ['closed', t('questions.filter.closed')],
        ['all', t('questions.filter.all')],
      ],
      'open',
    );
    const due = select(
      t('questions.filter.due'),
      'due',
      [
        ['any', t('questions.filter.any')],
        ['overdue', t('questions.filter.overdue')],
        ['soon', t('questions.filter.soon')],
      ],
      'any',
    );
    controls.replaceChildren(body.wrap, status.wrap, due.wrap);

    const load = async () => {
      const res = await questionsApi.inbox(body.el.value, status.el.value, due.el.value);
      if (!alive) return;
      counts.textContent = t('questions.inbox.counts', {
        open: res.counts.open,
        overdue: res.counts.overdue,
        soon: res.counts.dueSoon,
      });
      list.replaceChildren(
        res.questions.length === 0
          ? h('p', {}, t('questions.inbox.none'))
          : h('div', {}, ...res.questions.map((q) => card(q))),
      );
    };

    const card = (q: QuestionView) => {
      const actions = h('div', { className: 'q-official-actions' });
      const done = async (work: Promise<unknown>) => {
        await work;
        await load();
      };
      actions.append(itemLink(q.itemId, q.itemTitle));
      if (nextStatus(q.status, 'review')) {
        const review = h('button', { type: 'button' }, t('questions.review'));
        review.addEventListener('click', () => void done(questionsApi.review(q)).catch(() => undefined));
        actions.append(review);
      }
      if (nextStatus(q.status, 'answer') || canEditAnswer(q.status)) {
        const editing = !isOpen(q.status);
        const text = h('textarea', { rows: 5, required: true, maxlength: 10000 });
        if (editing) text.value = q.answers.at(-1)?.text ?? '';
        // Law on Languages art. 11: kk or the question's language; any other one is confirmed first.
        const language = languageSelect(q.answers.at(-1)?.lang ?? q.lang ?? 'kk');
        const confirm = h('input', { type: 'checkbox' });
        const warning = h(
          'div',
          { className: 'q-lang-warning', role: 'alert' },
          h('p', {}, t('questions.lang.warning')),
          h('label', {}, confirm, ` ${t('questions.lang.confirm')}`),
        );
        const showWarning = () => {
          const lawful = isLawfulAnswerLanguage(q.lang, language.value as Lang);
          warning.hidden = lawful;
          confirm.required = !lawful;
        };
        language.addEventListener('change', showWarning);
        showWarning();
        const answerLanguage = () => ({
          lang: language.value as Lang,
          ...(confirm.required ? { confirmLanguage: confirm.checked } : {}),
        });
        actions.append(
          actionForm(
            editing ? t('questions.editAnswer') : t('questions.answerSubmit'),
            [field(t('questions.answerText'), text), field(t('questions.lang.answer'), language), warning],
            editing ? t('questions.editAnswer') : t('questions.answerSubmit'),
            () =>
              done(
                editing
                  ? questionsApi.editAnswer(q, text.value, answerLanguage())
                  : questionsApi.answer(q, text.value, answerLanguage()),
              ),
            errorMessage,
          ),
        );
      }
      if (nextStatus(q.status, 'extend') && !q.extension) {
        const date = h('input', { type: 'date', required: true, min: q.dueOn });
        const reason = h('textarea', { rows: 2, required: true, minlength: 10, maxlength: 2000 });
        actions.append(
          h(
            'details',
            {},
            h('summary', {}, t('questions.extend')),
            actionForm(
              t('questions.extend'),
              [field(t('questions.extendDate'), date), field(t('questions.extendReason'), reason)],
              t('questions.extend'),
              () => done(questionsApi.extend(q, date.value, reason.value)),
              errorMessage,
            ),
          ),
        );
      }
      if (nextStatus(q.status, 'redirect')) {
        const to = h(
          'select',
          { required: true },
          [...names.entries()]
            .filter(([id]) => id !== q.bodyId)
            .map(([id, name]) => h('option', { value: id }, nameOf(name, id))),
        );
        const reason = h('textarea', { rows: 2, required: true, minlength: 10, maxlength: 2000 });
        actions.append(
          h(
            'details',
            {},
            h('summary', {}, t('questions.redirectAction')),
            actionForm(
              t('questions.redirectAction'),
              [field(t('questions.redirectTo'), to), field(t('questions.redirectReason'), reason)],
              t('questions.redirectAction'),
              () => done(questionsApi.redirect(q, to.value, reason.value)),
              errorMessage,
            ),
          ),
        );
      }
      return questionCard(q, names, actions);
    };

    await load();
  })().catch(() => {
    if (alive) list.textContent = t('questions.loadFailed');
  });
  return () => {
    alive = false;
  };
}

function nameOf(name: Localized, id: string): string {
  return name[getLang()] ?? name.kk ?? name.ru ?? name.en ?? id;
}
