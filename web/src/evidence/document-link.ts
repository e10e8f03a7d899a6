/**
 * An attached file as a link (issue 19, item 5): its name, what it is and how big, and — for a
 * digitally signed PDF — the note that it is published exactly as received (its metadata too:
 * removing it would break the signature). Used wherever answers, follow-ups and updates list files (./document-list.tsx).
 */
import { type Attachment, SIGNATURE_TYPE } from '../../../shared/comments';
import type { Lang } from '../../../shared/i18n-text';
import { localeOf } from '../format';
import { t } from '../i18n';

/** "240 kB", "1.4 MB" in the reader's language (Intl's own unit names). */
export function fileSize(bytes: number, lang: Lang): string {
  const mb = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(localeOf(lang), {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: mb ? 1 : 0,
  }).format(Math.max(mb ? bytes / (1024 * 1024) : Math.ceil(bytes / 1024), mb ? 0 : 1));
}

/** The words beside a file: name, kind and size, then the signed note when it is one. */
export function documentCaption(a: Pick<Attachment, 'name' | 'type' | 'size' | 'signed'>, lang: Lang) {
  // A detached signature: what it is, and plainly that it is published as received, not verified.
  if (a.type === SIGNATURE_TYPE)
    return {
      label: t('evidence.doc.signatureFile', { size: fileSize(a.size, lang) }),
      note: t('evidence.doc.signatureNote'),
    };
  const kind = a.type === 'application/pdf' ? 'PDF' : a.type.replace('image/', '').toUpperCase();
  return {
    label: t('evidence.doc.link', { name: a.name, kind, size: fileSize(a.size, lang) }),
    note: a.signed ? t('evidence.doc.signed') : null,
  };
}

/**
 * Files in the order to show them: each document followed by the detached signature files that
 * name it (`signatureOf`), so a signature always sits beside its document.
 */
export function withSignatures(files: readonly Attachment[]): Attachment[] {
  const ids = new Set(files.map((f) => f.id));
  const beside = (doc: Attachment) => files.filter((f) => f.signatureOf === doc.id);
  return files.flatMap((f) =>
    f.signatureOf && ids.has(f.signatureOf) ? [] : [f, ...(f.signatureOf ? [] : beside(f))],
  );
}
