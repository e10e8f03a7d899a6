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
import { impactPath } from './viewLogic';

// Spelled out rather than imported: shared/impact.ts builds zod schemas at load, which the page does not need.
const IMPACT_KINDS: readonly ImpactKind[] = [
  'money_saved',
  'money_recovered',
  'purchase_cancelled',
  'penalty_applied',
  'defect_fixed',
];
const isMoney = (k: ImpactKind) => k !== 'defect_fixed';

/**
 * The sums of the club (no props), of one session's outcomes and recommendations (`sessionId`, on the
 * session page) or of one body (`bodyId`, on the body's page); nothing while there is no entry.
 */
export function ImpactLedger({ sessionId, bodyId }: { sessionId?: string; bodyId?: string } = {}) {
  const [totals, setTotals] = useState<ImpactTotals | null>(null);
  const path = impactPath({ ...(sessionId ? { sessionId } : {}), ...(bodyId ? { bodyId } : {}) });
  useEffect(() => {
    let alive = true;
    api<{ totals: ImpactTotals }>(path).then(
      (r) => alive && setTotals(r.totals),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [path]);
  if (!totals || totals.entries === 0) return null;
  const lang = getLang();
  const suffix = sessionId ? '-session' : bodyId ? '-body' : '';
  const figure = (kind: ImpactKind, scope: 'all' | 'confirmed') => {
    const v = totals[scope][kind];
    return isMoney(kind)
      ? `${formatKzt(v.amountKzt, lang)} (${formatCount(v.count, lang)})`
      : formatCount(v.count, lang);
  };
  return (
    <section aria-labelledby={`impact-title${suffix}`} className="club-impact">
      <h2 id={`impact-title${suffix}`}>
        {t(sessionId ? 'loop5.impact.session' : bodyId ? 'loop5.impact.body' : 'club.impact.title')}
      </h2>
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
