/**
 * Public page: how each body keeps the legal clock. A table sortable by any column (buttons in the
 * headers, aria-sort says the order); rates under the minimum sample read "too few".
 */
import { useEffect, useState } from 'preact/hooks';
import { formatCount, formatPercent } from '../format';
import { getLang, t } from '../i18n';
import { bodyFlagsCell } from '../integrity/explainLogic';
import { Link } from '../ui/Link';
import { mount } from '../ui/mount';
import { questionsApi, type ResponsivenessRow } from './model';
import { cellValue, nextSort, type Sort, type SortKey, sortRows } from './viewLogic';

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'name', label: 'questions.resp.body' },
  { key: 'received', label: 'questions.resp.received' },
  { key: 'answeredOnTime', label: 'questions.resp.onTime' },
  { key: 'answeredLate', label: 'questions.resp.late' },
  { key: 'overdueNow', label: 'questions.resp.overdue' },
  { key: 'medianDaysToAnswer', label: 'questions.resp.median' },
  { key: 'averageRating', label: 'questions.resp.rating' },
  // Law on Languages art. 11: answers in neither kk nor the question's language, confirmed by the official.
  { key: 'answeredInOtherLanguage', label: 'questions.resp.otherLanguage' },
  { key: 'onTimeRate', label: 'questions.resp.rate' },
];

export function renderResponsivenessPage(container: HTMLElement): () => void {
  return mount(container, <ResponsivenessPage />);
}

function ResponsivenessPage() {
  const [data, setData] = useState<{ bodies: ResponsivenessRow[]; minSample: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const [sort, setSort] = useState<Sort>({ key: 'received', dir: -1 });
  useEffect(() => {
    let alive = true;
    questionsApi.responsiveness().then(
      (res) => alive && setData(res),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, []);
  const lang = getLang();
  const cell = (r: ResponsivenessRow, k: SortKey) => {
    const v = cellValue(r, k, lang);
    if (v === null)
      return (
        <td className="q-too-few" key={k} data-col={k}>
          {t('questions.resp.tooFew')}
        </td>
      );
    if (k === 'name')
      return (
        <th scope="row" key={k}>
          {/* The body's page says whether its notifications work (web/src/bodyContacts). */}
          <Link href={`/bodies/${r.bodyId}`}>{String(v)}</Link>
        </th>
      );
    if (k === 'onTimeRate')
      return (
        <td key={k} data-col={k}>
          {formatPercent(v as number, lang)}
        </td>
      );
    return (
      <td key={k} data-col={k}>
        {typeof v === 'number' && Number.isInteger(v) ? formatCount(v, lang) : String(v)}
      </td>
    );
  };
  return (
    <section className="q-page">
      <h1 tabIndex={-1}>{t('questions.resp.title')}</h1>
      <p>{data ? t('questions.resp.intro', { min: data.minSample }) : ''}</p>
      <div className="q-table-wrap">
        {failed ? (
          t('questions.loadFailed')
        ) : !data ? (
          t('questions.loading')
        ) : (
          <table className="q-resp-table">
            <caption>{t('questions.resp.title')}</caption>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    scope="col"
                    key={c.key}
                    aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
                  >
                    <button
                      type="button"
                      data-sort={c.key}
                      aria-label={t('questions.resp.sort', { column: t(c.label) })}
                      onClick={() => setSort((s) => nextSort(s, c.key))}
                    >
                      {t(c.label)}
                    </button>
                  </th>
                ))}
                {/* The body's risk flags (issue 18): beside the clock, not part of its sort order. */}
                <th scope="col">{t('lens6.resp.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {sortRows(data.bodies, sort, lang).map((r) => (
                <tr data-body-id={r.bodyId} key={r.bodyId}>
                  {COLUMNS.map((c) => cell(r, c.key))}
                  <FlagsCell row={r} />
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

/** The API's row also carries the body's risk flags as the flag job counted them (absent before it ran). */
type RowWithFlags = ResponsivenessRow & { flags?: { items: number; flagged: number } };

function FlagsCell({ row }: { row: RowWithFlags }) {
  const c = bodyFlagsCell(row.bodyId, row.flags);
  if (!c) return <td className="q-too-few">{t('lens6.resp.flagsNotCounted')}</td>;
  const text = t('integrity.flaggedOf', { flagged: c.flagged, items: c.items });
  return <td data-flags={c.flagged}>{c.href ? <Link href={c.href}>{text}</Link> : text}</td>;
}
