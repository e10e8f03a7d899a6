// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * An export job (data/export-jobs.ts; the workflow is services/exports.ts), declared as an ElectroDB
 * entity: one record per export file, `EXPORT#<key>` / `JOB`, alone in its partition. The table
 * stream's filter for the export worker (infra/constructs/exports.ts) is built from these templates.
 * Every attribute is declared, as ElectroDB writes only declared ones. Unlike other records, its
 * kind is stored as `kind: exportJob` (not `entity`), as it always was.
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key } from '../schema';
import { named, perStore, text } from './kit';

export const exportJobModel = {
  model: named('export-job'),
  attributes: {
    id: text,
    kind: { type: ['exportJob'] as const, required: true, default: 'exportJob' },
    format: text,
    query: { type: 'string' },
    today: text,
    uri: text,
    status: { type: ['running', 'done', 'failed'] as const, required: true },
    total: { type: 'number', required: true },
    itemsWritten: { type: 'number', required: true },
    bytes: { type: 'number' },
    error: { type: 'string' },
    createdAt: text,
    updatedAt: text,
    /** TTL (epoch seconds). */
    expiresAt: { type: 'number', required: true },
  },
  indexes: {
    record: { pk: key('pk', ['id'], 'EXPORT#${id}'), sk: key('sk', [], 'JOB') },
  },
} as const;

export const EXPORT_JOB_MODELS = { exportJob: exportJobModel } as const;

export const EXPORT_JOB_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof EXPORT_JOB_MODELS>[] = [
  {
    entity: 'exportJob',
    index: 'record',
    pattern:
      "an export file's job by its cache key: created once (or replacing a failed, stalled or expired one), its progress, its status",
    code: '`data/export-jobs.ts` `getExportJob`, `putExportJobOnce`, `updateExportJob`',
  },
];

/** The export job entity over `store`'s table (built once per store). */
export const exportJobEntitiesOf = perStore((store) => ({
  exportJob: new Entity(exportJobModel, { client: store.doc, table: store.table }),
}));
