/** "My questions": the signed-in user's questions with their status and legal due date. */
import type { Localized } from '../../../shared/i18n-text';
import { pickText } from '../../../shared/i18n-text';
import { currentUser, ready, signInLink } from '../auth';
import { h } from '../dom';
import { getLang, t } from '../i18n';
import { navigate } from '../shell';
import { questionCard } from './card';
import { bodyNames, questionsApi } from './model';

export function renderMinePage(container: HTMLElement): () => void {
  let alive = true;
  const body = h('div', {}, t('questions.loading'));
  container.append(
    h('section', { className: 'q-page' }, h('h1', { tabindex: -1 }, t('questions.mine.title')), body),
  );
  void (async () => {
    await ready;
    if (!alive) return;
    if (!currentUser()) {
      body.replaceChildren(signInLink(t('questions.mine.signIn')));
      return;
    }
    const [names, res] = await Promise.all([bodyNames(), questionsApi.mine()]);
    if (!alive) return;
    body.replaceChildren(
      res.questions.length === 0
        ? h('p', {}, t('questions.mine.none'))
        : h('div', {}, ...res.questions.map((q) => questionCard(q, names, itemLink(q.itemId, q.itemTitle)))),
    );
  })().catch(() => {
    if (alive) body.textContent = t('questions.loadFailed');
  });
  return () => {
    alive = false;
  };
}

export function itemLink(itemId: string, title: Record<string, string> | undefined): HTMLElement {
  const href = `/items/${itemId}`;
  return h(
    'p',
    { className: 'q-item-link' },
    `${t('questions.item')}: `,
    h(
      'a',
      {
        href,
        onclick: (e: Event) => {
          e.preventDefault();
          navigate(href);
        },
      },
      pickText(title as Localized | undefined, getLang()) || itemId,
    ),
  );
}
