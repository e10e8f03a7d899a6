/**
 * The stats strip: exact totals planned / contracted / spent for the current filter (from
 * `GET /api/stats`) and a small bar chart of the planned money by area and by category.
 * Plain elements, no chart library: the numbers are in the text, the bars only draw them.
 * A Preact component: it reads the language signal through `t`, so a language switch re-renders it.
 */
import { areaByCode } from '../../../shared/areas';
import { pickText } from '../../../shared/i18n-text';
import { toTiyn } from '../../../shared/money';
import { barPercent, formatCount, formatKztShort } from '../format';
import { getLang, t } from '../i18n';
import type { Stats, Totals } from './data';

const TOP = 5;

type ChartRow = Totals & { label: string };

/** The `TOP` rows with the most planned money, largest first (exact, compared in tiyn). */
export function topRows<R extends Totals>(rows: readonly R[], top = TOP): R[] {
  return [...rows]
    .sort((a, b) => {
      const d = toTiyn(b.planned) - toTiyn(a.planned);
      return d > 0n ? 1 : d < 0n ? -1 : 0;
    })
    .slice(0, top);
}

export function StatsStrip({ stats }: { stats: Stats | 'error' | null }) {
  const heading = (
    <h2 id="stats-heading" className="visually-hidden">
      {t('stats.heading')}
    </h2>
  );
  // The strip's exact shape with no figures yet: its height is kept, so nothing below moves when
  // the figures arrive (layout shift).
  if (stats === null)
    return (
      <>
        {heading}
        <Skeleton />
      </>
    );
  if (stats === 'error')
    return (
      <>
        {heading}
        <p className="muted">{t('stats.unavailable')}</p>
      </>
    );
  const lang = getLang();
  return (
    <>
      {heading}
      <dl className="totals">
        <Total kind="items" label={t('stats.items')} value={formatCount(stats.totals.count, lang)} />
        <Total kind="planned" label={t('stats.planned')} value={formatKztShort(stats.totals.planned, lang)} />
        <Total
          kind="contracted"
          label={t('stats.contracted')}
          value={formatKztShort(stats.totals.contracted, lang)}
        />
        <Total kind="spent" label={t('stats.spent')} value={formatKztShort(stats.totals.spent, lang)} />
        {/* Issue 18: how many of the shown items carry a risk flag (a reason to look, not a verdict). */}
        <Total kind="flagged" label={t('stats.flagged')} value={formatCount(stats.flagged, lang)} />
      </dl>
      <div className="charts">
        <Chart
          id="chart-area"
          title={t('stats.byArea')}
          rows={stats.byArea.map((r) => ({ ...r, label: pickText(areaByCode(r.key)?.name, lang) || r.key }))}
        />
        <Chart
          id="chart-category"
          title={t('stats.byCategory')}
          rows={stats.byCategory.map((r) => ({ ...r, label: t(`category.${r.key}`) }))}
        />
      </div>
    </>
  );
}

function Total({ kind, label, value }: { kind: string; label: string; value: string }) {
  return (
    <div className={`total total-${kind}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Chart({ id, title, rows }: { id: string; title: string; rows: ChartRow[] }) {
  const lang = getLang();
  const top = topRows(rows);
  const widest = top[0]?.planned ?? '0';
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      <ul>
        {top.map((r) => (
          <li key={r.label}>
            <span className="chart-label">{r.label}</span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill bar-planned" style={{ width: `${barPercent(r.planned, widest)}%` }} />
            </span>
            <span className="chart-value">{`${formatKztShort(r.planned, lang)} · ${formatCount(r.count, lang)}`}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

function Skeleton() {
  const total = (label: string, kind: string) => <Total kind={kind} label={label} value="…" />;
  const chart = (title: string) => (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <ul aria-hidden="true">
        {Array.from({ length: TOP }, (_, i) => (
          <li key={i}>
            <span className="chart-label">{'\u00a0'}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
  return (
    <div className="stats-skeleton">
      <dl className="totals">
        {total(t('stats.items'), 'items')}
        {total(t('stats.planned'), 'planned')}
        {total(t('stats.contracted'), 'contracted')}
        {total(t('stats.spent'), 'spent')}
        {total(t('stats.flagged'), 'flagged')}
      </dl>
      <div className="charts">
        {chart(t('stats.byArea'))}
        {chart(t('stats.byCategory'))}
      </div>
    </div>
  );
}
