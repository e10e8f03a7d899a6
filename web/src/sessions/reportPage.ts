/**
 * The club's public report, print-ready, at its permanent address `/club/report/<2026-Q3|2026>` in
 * the reader's language (kk/ru/en), with a link to the CSV of the same figures and the audit chain
 * head they were computed from (issue 21, part 8).
 */
import type { ClubReport } from '../../../shared/club-report';
import { REPORT_FIGURES } from '../../../shared/club-report-figures';
import { api } from '../api';
import { h } from '../dom';
import { formatCount, formatDate, formatKzt } from '../format';
import { getLang, t } from '../i18n';
import { errorMessage } from './model';

export function renderReportPage(container: HTMLElement, period: string, isAlive: () => boolean) {
  const body = h('article', { className: 'print-doc', 'data-testid': 'club-report' }, t('sessions.loading'));
  const csv = `/api/club/report.csv?period=${encodeURIComponent(period)}`;
  container.append(
    h(
      'p',
      { className: 'no-print' },
      h('button', { type: 'button', onclick: () => print() }, t('sessions.print.now')),
      ' ',
      h('a', { href: csv, download: '' }, t('clubReport.csv')),
    ),
    body,
  );
  void (async () => {
    try {
      const r = await api<ClubReport>(`/api/club/report?period=${encodeURIComponent(period)}`);
      if (!isAlive()) return;
      const lang = getLang();
      const value = (f: (typeof REPORT_FIGURES)[number]) => {
        const v = r.figures[f];
        return typeof v === 'string' ? formatKzt(v, lang) : formatCount(v, lang);
      };
      body.replaceChildren(
        h('h1', { tabindex: -1 }, t('clubReport.title', { period: r.period })),
        h(
          'p',
          {},
          t('clubReport.range', { from: formatDate(r.from, lang), to: formatDate(r.to, lang) }),
          ' ',
          t('clubReport.asOf', { date: formatDate(r.asOf, lang) }),
        ),
        h(
          'table',
          { className: 'report-figures' },
          h(
            'tbody',
            {},
            REPORT_FIGURES.map((f) =>
              h(
                'tr',
                { 'data-figure': f },
                h('th', { scope: 'row' }, t(`clubReport.figure.${f}`)),
                h('td', {}, value(f)),
              ),
            ),
          ),
        ),
        h(
          'p',
          { className: 'chain-head' },
          r.chainHead
            ? t('clubReport.chainHead', { seq: r.chainHead.seq, hash: r.chainHead.hash })
            : t('clubReport.noChain'),
        ),
      );
    } catch (err) {
      if (isAlive()) body.replaceChildren(h('p', { role: 'alert' }, errorMessage(err)));
    }
  })();
}
