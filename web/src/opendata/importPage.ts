/**
 * The admin's import page: pick a file, optionally only check it, watch it being processed, then
 * read the report — per record, which field, why, and what was expected.
 */

import type { ImportReport } from '../../../shared/opendata';
import { api } from '../api';
import { canDo, onUserChange } from '../auth';
import { h } from '../dom';
import { t } from '../i18n';
import { problemText } from '../problemText';

function reportView(report: ImportReport): HTMLElement {
  const summary = h(
    'p',
    { className: 'opendata-summary' },
    t('opendata.report.summary', {
      format: report.format,
      records: report.records,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: report.rejected,
    }),
  );
  const table = report.issues.length
    ? h(
        'table',
        { className: 'opendata-report' },
        h('caption', {}, t('opendata.report.title')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              'opendata.report.record',
              'opendata.report.field',
              'opendata.report.message',
              'opendata.report.expected',
              'opendata.report.severity',
            ].map((k) => h('th', { scope: 'col' }, t(k))),
          ),
        ),
        h(
          'tbody',
          {},
          report.issues.map((i) =>
            h(
              'tr',
              { className: `opendata-${i.severity}` },
              h('td', {}, i.record),
              h('td', {}, h('code', {}, i.field)),
              h('td', {}, i.message),
              h('td', {}, i.expected ?? ''),
              h('td', {}, t(`opendata.report.${i.severity}`)),
            ),
          ),
        ),
      )
    : h('p', {}, t('opendata.report.clean'));
  return h(
    'section',
    { 'aria-live': 'polite', className: 'opendata-result' },
    report.dryRun ? h('p', { className: 'opendata-dry-run' }, t('opendata.report.dryRun')) : null,
    summary,
    table,
    report.issuesTruncated ? h('p', {}, t('opendata.report.more', { count: report.issuesTruncated })) : null,
  );
}

function render(container: HTMLElement): void {
  if (!canDo('items.import')) {
    container.replaceChildren(
      h(
        'main',
        { className: 'opendata-page' },
        h('h1', {}, t('opendata.import.title')),
        h('p', {}, t('opendata.import.denied')),
      ),
    );
    return;
  }
  const file = h('input', {
    type: 'file',
    id: 'opendata-file',
    name: 'file',
    accept: '.csv,.json,text/csv,application/json',
    required: true,
  });
  const dryRun = h('input', { type: 'checkbox', id: 'opendata-dry-run', name: 'dryRun', checked: true });
  const status = h('p', { role: 'status', className: 'opendata-status' });
  const progress = h('progress', { hidden: true, 'aria-label': t('opendata.import.running') });
  const result = h('div', {});
  const submit = h('button', { type: 'submit' }, t('opendata.import.submit'));

  const form = h(
    'form',
    {
      className: 'opendata-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const chosen = file.files?.[0];
        if (!chosen) {
          status.textContent = t('opendata.import.noFile');
          return;
        }
        submit.disabled = true;
        progress.hidden = false;
        status.textContent = t('opendata.import.running');
        result.replaceChildren();
        try {
          const report = await api<ImportReport>(`/api/import${dryRun.checked ? '?dryRun=true' : ''}`, {
            method: 'POST',
            body: chosen,
            headers: { 'Content-Type': chosen.type || 'application/octet-stream' },
          });
          status.textContent = '';
          result.replaceChildren(reportView(report));
        } catch (err) {
          status.textContent = t('opendata.import.failed', {
            message: problemText(err),
          });
        } finally {
          submit.disabled = false;
          progress.hidden = true;
        }
      },
    },
    h('p', {}, t('opendata.import.intro')),
    h('p', {}, h('label', { for: 'opendata-file' }, t('opendata.import.file')), ' ', file),
    h('p', {}, dryRun, ' ', h('label', { for: 'opendata-dry-run' }, t('opendata.import.dryRun'))),
    h('p', {}, submit),
    progress,
    status,
  );
  container.replaceChildren(
    h('main', { className: 'opendata-page' }, h('h1', {}, t('opendata.import.title')), form, result),
  );
}

/** The page at /admin/import (registered in ./index.ts, its code loaded on the first visit). */
export function renderImportPage(container: HTMLElement): () => void {
  render(container);
  return onUserChange(() => render(container));
}
