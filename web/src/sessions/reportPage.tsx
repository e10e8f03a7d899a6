/**
 * The club's public report, print-ready, at its permanent address `/club/report/<2026-Q3|2026>` in
 * the reader's language (kk/ru/en), with a link to the CSV of the same figures and the audit chain
 * head they were computed from (issue 21, part 8).
 */
import { useEffect, useState } from 'preact/hooks';
import type { ClubReport } from '../../../shared/club-report';
import { REPORT_FIGURES } from '../../../shared/club-report-figures';
import { FLAGS } from '../../../shared/flags';
import { api } from '../api';
import { formatCount, formatDate, formatKzt } from '../format';
import { getLang, t } from '../i18n';
import { mount } from '../ui/mount';
import { errorMessage } from './model';

export function renderReportPage(container: HTMLElement, period: string): () => void {
  return mount(container, <ReportPage period={period} />);
}

function ReportPage({ period }: { period: string }) {
  const [report, setReport] = useState<ClubReport | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    let alive = true;
    api<ClubReport>(`/api/club/report?period=${encodeURIComponent(period)}`).then(
      (r) => alive && setReport(r),
      (err) => alive && setFailure(err),
    );
    return () => {
      alive = false;
    };
  }, [period]);
  const csv = `/api/club/report.csv?period=${encodeURIComponent(period)}`;
  return (
    <>
      <p className="no-print">
        <button type="button" onClick={() => print()}>
          {t('sessions.print.now')}
        </button>{' '}
        <a href={csv} download="">
          {t('clubReport.csv')}
        </a>
      </p>
      <article className="print-doc" data-testid="club-report">
        {failure ? (
          <p role="alert">{errorMessage(failure)}</p>
        ) : report ? (
          <ReportBody r={report} />
        ) : (
          t('sessions.loading')
        )}
      </article>
    </>
  );
}

function ReportBody({ r }: { r: ClubReport }) {
  const lang = getLang();
  const value = (f: (typeof REPORT_FIGURES)[number]) => {
    const v = r.figures[f];
    return typeof v === 'string' ? formatKzt(v, lang) : formatCount(v, lang);
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('clubReport.title', { period: r.period })}</h1>
      <p>
        {t('clubReport.range', { from: formatDate(r.from, lang), to: formatDate(r.to, lang) })}{' '}
        {t('clubReport.asOf', { date: formatDate(r.asOf, lang) })}
      </p>
      <table className="report-figures">
        <tbody>
          {REPORT_FIGURES.map((f) => (
            <tr data-figure={f} key={f}>
              <th scope="row">{t(`clubReport.figure.${f}`)}</th>
              <td>{value(f)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <TopFlags r={r} />
      <p className="chain-head">
        {r.chainHead
          ? // The hash is a code, not words: marked translate="no" (the property false) so it is never translated or read as English.
            t('clubReport.chainHead', { seq: r.chainHead.seq, hash: '\u0000' })
              .split('\u0000')
              .flatMap((text, i) =>
                i
                  ? [
                      <span translate={false} key="hash">
                        {r.chainHead?.hash}
                      </span>,
                      text,
                    ]
                  : [text],
              )
          : t('clubReport.noChain')}
      </p>
    </>
  );
}

/** The most frequent risk flags on the items the sessions considered, with the catalogue's wording. */
function TopFlags({ r }: { r: ClubReport }) {
  const lang = getLang();
  return (
    <section aria-labelledby="report-top-flags">
      <h2 id="report-top-flags">{t('lens6.report.topFlags')}</h2>
      {r.topFlags.length === 0 ? (
        <p>{t('lens6.report.noFlags')}</p>
      ) : (
        <>
          <table className="report-figures" data-testid="report-top-flags">
            <thead>
              <tr>
                <th scope="col">{t('lens6.report.flagColumn')}</th>
                <th scope="col">{t('lens6.report.itemsColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {r.topFlags.map((f) => (
                <tr data-flag={f.code} key={f.code}>
                  <th scope="row">
                    {FLAGS.find((d) => d.code === f.code)?.title[lang] ?? f.code}{' '}
                    <code translate={false}>{f.code}</code>
                  </th>
                  <td>{formatCount(f.items, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>{t('lens6.report.flagHint')}</p>
        </>
      )}
    </section>
  );
}
