/**
 * `npm run sync:goszakup -- [--year Y] [--customer BIN…] [--since DATE] [--dry-run] [--json]`: imports
 * the contracts of the bodies bound to a BIN from the procurement portal's open API (OWS v3).
 * GOSZAKUP_TOKEN is required; GOSZAKUP_URL defaults to the portal's public endpoint. Every failure
 * (refused token, changed schema) is one line on stderr and exit code 1.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_GOSZAKUP_URL, GoszakupClient } from '../functions/goszakup/client';
import { DEFAULT_CONTRACT_URL } from '../functions/goszakup/map';
import { type SyncReport, syncGoszakup } from '../functions/goszakup/sync';
import { runIfMain, withConfiguredStore } from './cli';

export function formatSyncReport(r: SyncReport): string {
  const lines = [
    `${r.dryRun ? 'Dry run: nothing written. ' : ''}${r.contracts} contracts in ${r.pages} pages: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.refused} refused${r.retries ? ` (${r.retries} retries)` : ''}`,
  ];
  const unmapped = (kind: string, m: Record<string, number>) =>
    Object.keys(m).length &&
    lines.push(
      `unmapped ${kind}: ${Object.entries(m)
        .map(([k, n]) => `${k} ×${n}`)
        .join(', ')}`,
    );
  unmapped('ENSTRU', r.unmapped.enstru);
  unmapped('KATO', r.unmapped.kato);
  for (const i of r.issues.slice(0, 50))
    lines.push(
      `${i.severity} ${i.record} ${i.field}: ${i.message}${i.expected ? ` (expected ${i.expected})` : ''}`,
    );
  if (r.issues.length > 50) lines.push(`… ${r.issues.length - 50} more issues (--json lists them)`);
  return lines.join('\n');
}

runIfMain(import.meta.url, async () => {
  const { values } = parseArgs({
    options: {
      year: { type: 'string' },
      customer: { type: 'string', multiple: true },
      since: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const token = process.env.GOSZAKUP_TOKEN;
  if (!token) throw new Error('GOSZAKUP_TOKEN is not set: the portal issues tokens to registered users');
  if (values.since && !/^\d{4}-\d{2}-\d{2}$/.test(values.since))
    throw new Error(`--since ${values.since}: expected YYYY-MM-DD`);
  const year = values.year ? Number(values.year) : undefined;
  if (year !== undefined && !Number.isInteger(year))
    throw new Error(`--year ${values.year}: expected a year like 2026`);
  const client = new GoszakupClient({
    url: process.env.GOSZAKUP_URL || DEFAULT_GOSZAKUP_URL,
    token,
    onRetry: (status, attempt, ms) => console.error(`HTTP ${status}; retry ${attempt} in ${ms} ms`),
  });
  await withConfiguredStore(async (store) => {
    const report = await syncGoszakup(store, client, {
      ...(year ? { year } : {}),
      ...(values.customer?.length ? { customers: values.customer } : {}),
      ...(values.since ? { since: values.since } : {}),
      dryRun: Boolean(values['dry-run']),
      contractUrl: process.env.GOSZAKUP_CONTRACT_URL || DEFAULT_CONTRACT_URL,
    });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatSyncReport(report));
  });
});
