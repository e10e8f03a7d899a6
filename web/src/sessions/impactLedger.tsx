/**
 * The impact ledger on the sessions page (issue 21, deliver 7): what the club's work changed, per
 * kind (money saved or recovered, purchases cancelled, penalties applied, defects fixed), summed
 * exactly by the server, all entries and those the body's official confirmed.
 */

import { useEffect, useState } from 'preact/hooks';
import type { ImpactKind, ImpactTotals } from '../../../shared/impact';
import { api } from '../api';
import { formatCount, formatKzt } from '../format';
import { getLang, t } from '../i18n';

// Spelled out rather than imported: shared/impact.ts builds zod schemas at load, which the page does not need.
const IMPACT_KINDS: readonly ImpactKind[] = [
  'money_saved',
  'money_recovered',
  'purchase_cancelled',
  'penalty_applied',
  'defect_fixed',
];
const isMoney = (k: ImpactKind) => k !== 'defect_fixed';

export function ImpactLedger() {
  const [totals, setTotals] = useState<ImpactTotals | null>(null);
  useEffect(() => {
    let alive = true;
    api<{ totals: ImpactTotals }>('/api/club/impact').then(
      (r) => alive && setTotals(r.totals),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, []);
  if (!totals || totals.entries === 0) return null;
  const lang = getLang();
  const figure = (kind: ImpactKind, scope: 'all' | 'confirmed') => {
    const v = totals[scope][kind];
    return isMoney(kind)
      ? `${formatKzt(v.amountKzt, lang)} (${formatCount(v.count, lang)})`
      : formatCount(v.count, lang);
  };
  return (
    <section aria-labelledby="impact-title" className="club-impact">
      <h2 id="impact-title">{t('club.impact.title')}</h2>
      <table data-testid="impact-ledger">
        <thead>
          <tr>
            <th scope="col">{t('club.impact.kind')}</th>
            <th scope="col">{t('club.impact.all')}</th>
            <th scope="col">{t('club.impact.confirmed')}</th>
          </tr>
        </thead>
        <tbody>
          {IMPACT_KINDS.map((k) => (
            <tr key={k} data-kind={k}>
              <th scope="row">{t(`club.impact.kind.${k}`)}</th>
              <td>{figure(k, 'all')}</td>
              <td>{figure(k, 'confirmed')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
