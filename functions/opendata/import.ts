/**
 * Moved: the import workflow is functions/services/import.ts (issue 16), the format recognition
 * functions/opendata/parse.ts. These names stay for callers on other branches; import from there.
 */
export * from '../services/import';
