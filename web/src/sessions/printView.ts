/**
 * Printable agenda and minutes: a plain document laid out for A4 by the print stylesheet, in the
 * language chosen in the header (kk/ru/en). The public version of the session is printed, so what
 * is printed is what was published.
 */

import { append, h } from '../dom';
import { formatDate, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { clubNode } from './clubText';
import { link } from './listPage';
import { bodyName, bodyNames, errorMessage, itemTitle, sessionsApi } from './model';

export function renderPrintView(
  container: HTMLElement,
  id: string,
  doc: 'agenda' | 'minutes',
  isAlive: () => boolean,
) {
  const body = h('article', { className: 'print-doc', 'data-testid': 'print-doc' }, t('sessions.loading'));
  container.append(
    h(
      'p',
      { className: 'no-print' },
      link(`/sessions/${id}`, t('sessions.back')),
      ' ',
      h('button', { type: 'button', onclick: () => print() }, t('sessions.print.now')),
    ),
    body,
  );
  void (async () => {
    try {
      const s = await sessionsApi.get(id);
      const [names, titles] = await Promise.all([
        bodyNames(),
        Promise.all(s.entries.map((e) => itemTitle(e.itemId))),
      ]);
      if (!isAlive()) return;
      const lang = getLang();
      const recOf = new Map(s.recommendations.map((r) => [r.id, r]));
      const rows = s.entries.map((e, i) =>
        h(
          'tr',
          {},
          h('td', {}, String(i + 1)),
          h('td', {}, e.slot ? `${e.slot.start} (${e.slot.minutes}′)` : ''),
          h(
            'td',
            {},
            titles[i] ?? e.itemId,
            e.notes ? h('div', { className: 'print-notes' }, clubNode(e.notes)) : null,
            doc === 'minutes' && e.outcome
              ? h(
                  'div',
                  { className: 'print-outcome' },
                  h('p', {}, h('strong', {}, `${t('sessions.decision')}: `), clubNode(e.outcome.decision)),
                  h(
                    'ul',
                    {},
                    e.outcome.recommendationIds.flatMap((rid) => {
                      const r = recOf.get(rid);
                      return r
                        ? h(
                            'li',
                            {},
                            clubNode(r.text),
                            ` — ${bodyName(names, r.bodyId)}, ${t('sessions.rec.due')}: ${formatDate(r.due, lang)}`,
                          )
                        : [];
                    }),
                  ),
                )
              : null,
          ),
          h('td', {}, bodyName(names, e.bodyId)),
          h('td', {}, e.presenter ?? ''),
        ),
      );
      body.replaceChildren();
      append(body, [
        h('p', { className: 'print-club' }, t('sessions.print.club')),
        h('h1', {}, t(doc === 'agenda' ? 'sessions.print.agendaTitle' : 'sessions.print.minutesTitle')),
        h('h2', {}, clubNode(s.title)),
        h(
          'p',
          {},
          `${formatDateTime(s.startUtc, lang)} · `,
          clubNode(s.venue),
          doc === 'agenda' && s.agendaVersion > 1
            ? ` · ${t('sessions.version', { version: s.agendaVersion, date: '' }).replace(/,\s*$/, '')}`
            : '',
        ),
        h(
          'table',
          { className: 'print-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, '№'),
              h('th', { scope: 'col' }, t('sessions.entry.slot')),
              h('th', { scope: 'col' }, t('sessions.entry.item')),
              h('th', { scope: 'col' }, t('sessions.entry.body')),
              h('th', { scope: 'col' }, t('sessions.entry.presenter')),
            ),
          ),
          h('tbody', {}, rows),
        ),
        doc === 'minutes' && s.minutes
          ? [
              h('h3', {}, t('sessions.minutes')),
              h('p', { className: 'minutes-text' }, clubNode(s.minutes.text)),
              h('h3', {}, t('sessions.attendance')),
              h(
                'ul',
                {},
                s.minutes.attendance.map((a) =>
                  h('li', {}, `${a.name} — ${t(a.present ? 'sessions.present' : 'sessions.absent')}`),
                ),
              ),
            ]
          : null,
      ]);
    } catch (err) {
      if (isAlive())
        body.replaceChildren(h('p', { role: 'alert' }, t('sessions.loadFailed'), ' ', errorMessage(err)));
    }
  })();
}
