/**
 * The admin's import page: pick a file, optionally only check it, watch it being processed, then
 * read the report — per record, which field, why, and what was expected. Follows the signed-in user
 * and the language (signals); a report already shown is re-worded on a switch.
 */

import { useRef, useState } from 'preact/hooks';
import type { ImportReport } from '../../../shared/opendata';
import { call, client } from '../api/client';
import { canDo } from '../auth';
import { t } from '../i18n';
import { problemText } from '../problemText';
import { onSubmit } from '../ui/form';
import { mount } from '../ui/mount';
import { useMounted } from '../ui/mounted';

const COLUMNS = [
  'opendata.report.record',
  'opendata.report.field',
  'opendata.report.message',
  'opendata.report.expected',
  'opendata.report.severity',
];

function ReportView({ report }: { report: ImportReport }) {
  return (
    <section aria-live="polite" className="opendata-result">
      {report.dryRun ? <p className="opendata-dry-run">{t('opendata.report.dryRun')}</p> : null}
      <p className="opendata-summary">
        {t('opendata.report.summary', {
          format: report.format,
          records: report.records,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          rejected: report.rejected,
        })}
      </p>
      {report.issues.length ? (
        <table className="opendata-report">
          <caption>{t('opendata.report.title')}</caption>
          <thead>
            <tr>
              {COLUMNS.map((k) => (
                <th key={k} scope="col">
                  {t(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.issues.map((i, n) => (
              // Issues have no id; their order is the report's and never changes once shown.
              <tr key={n} className={`opendata-${i.severity}`}>
                <td>{i.record}</td>
                <td>
                  <code>{i.field}</code>
                </td>
                <td>{i.message}</td>
                <td>{i.expected ?? ''}</td>
                <td>{t(`opendata.report.${i.severity}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('opendata.report.clean')}</p>
      )}
      {report.issuesTruncated ? <p>{t('opendata.report.more', { count: report.issuesTruncated })}</p> : null}
    </section>
  );
}

/** What the status line says: a message key (re-worded on a language switch) or a refusal. */
type Status = { key: 'opendata.import.noFile' | 'opendata.import.running' } | { failed: unknown } | null;

function ImportForm() {
  const file = useRef<HTMLInputElement>(null);
  const [dryRun, setDryRun] = useState(true);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const alive = useMounted();

  const submit = async () => {
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setStatus({ key: 'opendata.import.noFile' });
      return;
    }
    setBusy(true);
    setStatus({ key: 'opendata.import.running' });
    setReport(null);
    try {
      const result = await call(
        client.POST('/api/import', {
          params: {
            query: dryRun ? { dryRun: 'true' } : {},
            header: { 'Idempotency-Key': crypto.randomUUID() },
          },
          // The body is the file itself, sent as it is.
          body: chosen as unknown as string,
          bodySerializer: (b) => b,
          headers: { 'Content-Type': chosen.type || 'application/octet-stream' },
        }),
      );
      if (!alive.current) return;
      setStatus(null);
      setReport(result as ImportReport);
    } catch (err) {
      if (alive.current) setStatus({ failed: err });
    } finally {
      if (alive.current) setBusy(false);
    }
  };

  const statusText = !status
    ? ''
    : 'key' in status
      ? t(status.key)
      : t('opendata.import.failed', { message: problemText(status.failed) });
  return (
    <>
      <form className="opendata-form" onSubmit={onSubmit(() => void submit())}>
        <p>{t('opendata.import.intro')}</p>
        <p>
          <label for="opendata-file">{t('opendata.import.file')}</label>{' '}
          <input
            ref={file}
            type="file"
            id="opendata-file"
            name="file"
            accept=".csv,.json,text/csv,application/json"
            required
          />
        </p>
        <p>
          <input
            type="checkbox"
            id="opendata-dry-run"
            name="dryRun"
            checked={dryRun}
            onChange={(e) => setDryRun(e.currentTarget.checked)}
          />{' '}
          <label for="opendata-dry-run">{t('opendata.import.dryRun')}</label>
        </p>
        <p>
          <button type="submit" disabled={busy}>
            {t('opendata.import.submit')}
          </button>
        </p>
        <progress hidden={!busy} aria-label={t('opendata.import.running')} />
        <p role="status" className="opendata-status">
          {statusText}
        </p>
      </form>
      <div>{report ? <ReportView report={report} /> : null}</div>
    </>
  );
}

function ImportPage() {
  // canDo reads the signed-in user's signal: the page follows sign-in and sign-out.
  const allowed = canDo('items.import');
  return (
    <main className="opendata-page">
      <h1>{t('opendata.import.title')}</h1>
      {allowed ? <ImportForm /> : <p>{t('opendata.import.denied')}</p>}
    </main>
  );
}

/** The page at /admin/import (registered in ./index.ts, its code loaded on the first visit). */
export function renderImportPage(container: HTMLElement): () => void {
  return mount(container, <ImportPage />);
}
