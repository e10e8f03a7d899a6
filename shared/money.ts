/**
 * Amounts are KZT written as decimal strings ("1234567.89") in the API and kept as integer tiyn
 * (1 KZT = 100 tiyn) in storage, so no binary float ever touches money. Sums use bigint: the total
 * of a large region's budget in tiyn can pass Number.MAX_SAFE_INTEGER. (The API's `KztAmount` schema
 * is in functions/api/schemas/money.ts.)
 */
export function toTiyn(amount: string): bigint {
  const [whole = '0', frac = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(`${frac}00`.slice(0, 2));
}

export function fromTiyn(tiyn: bigint | number): string {
  const t = BigInt(tiyn);
  const sign = t < 0n ? '-' : '';
  const abs = t < 0n ? -t : t;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Share of `part` in `whole` as a percentage with one decimal, computed in integers. */
export function percentOf(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  return Number((part * 1000n) / whole) / 10;
}
