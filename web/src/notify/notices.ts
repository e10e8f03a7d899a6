/**
 * The legal notices of a question (APPK: registration, extension, redirection) on its card: what
 * each said, through which channel it went and when, delivered or not ("notice not delivered" when
 * no channel worked). Loaded per card; a question without notices shows nothing.
 */
import type { Localized } from '../../../shared/i18n-text';
import { call, client } from '../api/client';
import { h } from '../dom';
import { formatDate, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { bodyName } from '../questions/model';
import { latestPerNotice, noticeLines } from './view';

export function legalNotices(q: { itemId: string; id: string }, names: Map<string, Localized>): HTMLElement {
  const section = h('section', {
    className: 'q-notices',
    hidden: true,
    'aria-label': t('notify.notices.title'),
  });
  call(
    client.GET('/api/items/{itemId}/questions/{id}/notices', {
      params: { path: { itemId: q.itemId, id: q.id } },
    }),
  )
    .then((all) => {
      const notices = latestPerNotice(all);
      if (notices.length === 0) return;
      const lang = getLang();
      const format = {
        body: (id: string) => bodyName(names, id),
        date: (d: string) => formatDate(d, lang),
        dateTime: (iso: string) => formatDateTime(iso, lang),
        channel: (c: string) => t(`notify.channel.${c}`),
      };
      section.replaceChildren(
        h('h4', {}, t('notify.notices.title')),
        h(
          'ul',
          {},
          notices.map((n) => {
            const { what, outcome } = noticeLines(n, format);
            return h(
              'li',
              { 'data-notice': n.kind, 'data-delivered': String(n.delivered) },
              t(what.key, what.values),
              ' ',
              h(
                'span',
                { className: n.delivered ? 'q-notice-ok' : 'q-notice-failed' },
                t(outcome.key, outcome.values),
              ),
            );
          }),
        ),
      );
      section.hidden = false;
    })
    .catch((err: unknown) => console.error(err));
  return section;
}
