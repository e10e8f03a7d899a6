/**
 * `npm run import -- FILE [--dry-run] [--source NAME] [--json]`: imports a budget file (CSV, OC4IDS
 * project package, OCDS release or record package) and prints the validation report. A progress bar
 * goes to stderr. Uses DYNAMODB_ENDPOINT when set, else the embedded DynamoDB Local under .data/ —
 * stop `npm start` first, both use the same files. Exit code 1 when any record was rejected.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runFlagJob } from '../functions/services/flags';
import { type ImportProgress, importFile } from '../functions/services/import';
import type { ImportReport } from '../shared/opendata';
import { runIfMain, withConfiguredStore } from './cli';

/** A one-line bar redrawn in place on a terminal, or a line per 10% when stderr is a file. */
export function progressBar(out: NodeJS.WriteStream = process.stderr) {
  let lastTenth = -1;
  return ({ done, total }: ImportProgress) => {
    const share = total ? done / total : 1;
    if (out.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done === total) out.write('\n');
    } else if (Math.floor(share * 10) !== lastTenth) {
      lastTenth = Math.floor(share * 10);
      out.write(`${done}/${total} records\n`);
    }
  };
}

export function formatReport(r: ImportReport): string {
  const lines = [
    `${r.dryRun ? 'DRY RUN — nothing written. ' : ''}Format: ${r.format}. Records: ${r.records}; ` +
      `${r.dryRun ? 'would create' : 'created'} ${r.created}, ${r.dryRun ? 'would update' : 'updated'} ${r.updated}, ` +
      `unchanged ${r.unchanged}, rejected ${r.rejected}.`,
  ];
  for (const i of r.issues) {
    lines.push(
      `${i.severity.toUpperCase()}\t${i.record}\t${i.field}\t${i.message}${i.expected ? `\t(expected: ${i.expected})` : ''}`,
    );
  }
  if (r.issuesTruncated) lines.push(`… and ${r.issuesTruncated} more issues.`);
  return lines.join('\n');
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      source: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file) throw new Error('Usage: npm run import -- FILE [--dry-run] [--source NAME] [--json]');
  const bytes = new Uint8Array(readFileSync(file));

  await withConfiguredStore(async (store) => {
    const report = await importFile(store, bytes, {
      dryRun: values['dry-run'],
      ...(values.source ? { sourceName: values.source } : {}),
      onProgress: progressBar(),
      runTrigger: 'cli',
    });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    // The group and calendar flags follow the new data at once, not at the next nightly run.
    if (!values['dry-run'] && report.created + report.updated > 0) {
      const flags = await runFlagJob(store);
      if (!values.json)
        console.log(
          flags.deferredToImport
            ? 'Flags: another import is replacing items; its own flag job writes them after it.'
            : `Flags: ${flags.flagged} of ${flags.items} items flagged, ${flags.changed.items} changed (${flags.ms} ms).`,
        );
    }
    process.exitCode =
      report.rejected > 0 || report.issues.some((i) => i.record === '(file)' && i.severity === 'error')
        ? 1
        : 0;
  });
}

runIfMain(import.meta.url, main);
