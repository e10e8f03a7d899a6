/**
 * The money history of one item, from its kept amendments and transactions (never summed away):
 * planned → contracted (at award) → each amendment with its exact change → each payment with the
 * running total paid. Exact: every amount is added in tiyn (shared/money.ts).
 */
import type { ItemView } from '../../../shared/item';
import { fromTiyn, toTiyn } from '../../../shared/money';

export type MoneyStep =
  | { kind: 'planned'; year: number; amount: string }
  | { kind: 'contracted'; date?: string; amount: string }
  | {
      kind: 'amended';
      date: string;
      before: string;
      after: string;
      /** Signed change, "+1234.00" or "-50.00". */
      change: string;
      /** Change against the value before, in tenths of a percent rounded toward zero ("+34.0"). */
      changePercent?: string;
      source?: string;
    }
  | { kind: 'paid'; date: string; amount: string; paidSoFar: string; source?: string };

const signed = (tiyn: bigint) => (tiyn < 0n ? `-${fromTiyn(-tiyn)}` : `+${fromTiyn(tiyn)}`);

function percent(change: bigint, base: bigint): string | undefined {
  if (base <= 0n) return undefined;
  const permille = (change * 1000n) / base;
  const abs = permille < 0n ? -permille : permille;
  return `${permille < 0n ? '-' : '+'}${abs / 10n}.${abs % 10n}`;
}

export function moneyHistory(
  item: Pick<ItemView, 'amounts' | 'fiscalYear' | 'amendments' | 'transactions' | 'tender'>,
): MoneyStep[] {
  const steps: MoneyStep[] = [{ kind: 'planned', year: item.fiscalYear, amount: item.amounts.planned }];
  const amendments = [...(item.amendments ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  const atAward = amendments[0]?.valueBefore ?? item.amounts.contracted;
  if (toTiyn(atAward) > 0n || amendments.length) {
    steps.push({
      kind: 'contracted',
      ...(item.tender?.awardDate ? { date: item.tender.awardDate } : {}),
      amount: atAward,
    });
  }
  for (const a of amendments) {
    const change = toTiyn(a.valueAfter) - toTiyn(a.valueBefore);
    const p = percent(change, toTiyn(a.valueBefore));
    steps.push({
      kind: 'amended',
      date: a.date,
      before: a.valueBefore,
      after: a.valueAfter,
      change: signed(change),
      ...(p ? { changePercent: p } : {}),
      ...(a.source ? { source: a.source } : {}),
    });
  }
  let paid = 0n;
  for (const tx of [...(item.transactions ?? [])].sort((a, b) => a.date.localeCompare(b.date))) {
    paid += toTiyn(tx.amount);
    steps.push({
      kind: 'paid',
      date: tx.date,
      amount: tx.amount,
      paidSoFar: fromTiyn(paid),
      ...(tx.source ? { source: tx.source } : {}),
    });
  }
  return steps;
}
