/** What every parser hands to the importer: records, each with its issues and, if valid, a change. */
import type { Item } from '../../shared/item';
import type { ImportIssue } from '../../shared/opendata';

/** A whole item built from one source record (CSV row, OC4IDS project). */
export interface ItemCandidate {
  kind: 'item';
  item: Item;
  /** OCDS contracting processes of this item; their later releases update it. */
  ocids: string[];
  /** False when the source gave no last-changed time: then an unchanged record keeps its stored time. */
  updatedAtGiven: boolean;
  /**
   * What the stored item keeps when this record replaces it (the procurement connector keeps its
   * money history and records an amended contract value); without it the record replaces it whole.
   */
  merge?: (before: Item, item: Item) => Item;
}

/** A change to an existing item found through its OCDS contracting process (OCDS releases). */
export interface ItemPatch {
  kind: 'patch';
  ocid: string;
  updatedAt: string;
  apply(item: Item): Item;
}

export interface ParsedRecord {
  ref: string;
  issues: ImportIssue[];
  /** Present only when the record has no errors. */
  change?: ItemCandidate | ItemPatch;
}

export interface ParsedFile {
  fileIssues: ImportIssue[];
  records: ParsedRecord[];
}

/** Collects a record's issues; `error` and `warning` return nothing so checks read as statements. */
export class IssueList {
  readonly issues: ImportIssue[] = [];
  constructor(readonly record: string) {}
  error(field: string, message: string, expected?: string): void {
    this.issues.push({
      record: this.record,
      field,
      message,
      ...(expected ? { expected } : {}),
      severity: 'error',
    });
  }
  warning(field: string, message: string, expected?: string): void {
    this.issues.push({
      record: this.record,
      field,
      message,
      ...(expected ? { expected } : {}),
      severity: 'warning',
    });
  }
  get hasErrors(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }
}

/** Zod issues of the final item check, reported against the record (a backstop after field checks). */
export function reportZodIssues(
  list: IssueList,
  issues: readonly { path: PropertyKey[]; message: string }[],
  fieldName: (path: string) => string = (p) => p,
): void {
  for (const i of issues) list.error(fieldName(i.path.map(String).join('.')), i.message);
}
