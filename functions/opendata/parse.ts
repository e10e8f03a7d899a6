/**
 * Recognising an import file's format from its content and parsing it (CSV, OC4IDS, OCDS): the
 * readers the import workflow (functions/services/import.ts) runs before it checks and writes.
 * Never part of the API's bundle (the CSV parser stays in the import function).
 */
import type { ImportFormat } from '../../shared/opendata';
import { parseCsv } from './csv';
import { parseOc4ids } from './oc4ids';
import { parseOcds } from './ocds';
import type { ParsedFile } from './records';

export type Format = ImportFormat | 'unknown';

/** Recognises the format from the content, not the file name. */
export function parseContent(
  text: string,
  opts: { sourceName: string; now: Date },
): { format: Format; parsed: ParsedFile } {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
    return { format: 'csv', parsed: parseCsv(text, opts) };
  }
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch (err) {
    return {
      format: 'unknown',
      parsed: fileError(
        `the JSON cannot be read (truncated?): ${(err as Error).message}`,
        'a complete JSON document',
      ),
    };
  }
  const pkg = json as Record<string, unknown>;
  if (pkg && typeof pkg === 'object' && Array.isArray(pkg.projects)) {
    return { format: 'oc4ids', parsed: parseOc4ids(pkg, opts) };
  }
  if (pkg && typeof pkg === 'object' && Array.isArray(pkg.releases)) {
    return { format: 'ocds-release', parsed: parseOcds(pkg, 'release') };
  }
  if (pkg && typeof pkg === 'object' && Array.isArray(pkg.records)) {
    return { format: 'ocds-record', parsed: parseOcds(pkg, 'record') };
  }
  return {
    format: 'unknown',
    parsed: fileError(
      'the JSON is neither an OC4IDS project package nor an OCDS release or record package',
      'a package with "projects", "releases" or "records"',
    ),
  };
}

export function fileError(message: string, expected: string): ParsedFile {
  return {
    fileIssues: [{ record: '(file)', field: '(file)', message, expected, severity: 'error' }],
    records: [],
  };
}
