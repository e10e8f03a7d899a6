/**
 * An attached file as a link (issue 19, item 5): its name, what it is and how big, and — for a
 * digitally signed PDF — the note that it is published exactly as received (its metadata too:
 * removing it would break the signature). Used wherever answers, follow-ups and updates list files (./document-list.tsx).
 */
import type { Attachment } from '../../../shared/comments';
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
  const kind = a.type === 'application/pdf' ? 'PDF' : a.type.replace('image/', '').toUpperCase();
  return {
    label: t('evidence.doc.link', { name: a.name, kind, size: fileSize(a.size, lang) }),
    note: a.signed ? t('evidence.doc.signed') : null,
  };
}
