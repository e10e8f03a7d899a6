/**
 * Files as a list of links in Preact views (answers, recommendation follow-ups): the same words
 * as every file list (./document-link.ts) — name, kind, size, and the note on a signed PDF; a
 * detached signature file sits beside the document it signs, said to be published unverified.
 */
import type { Attachment } from '../../../shared/comments';
import { getLang } from '../i18n';
import { ReportContent } from '../moderation/reportContent';
import { documentCaption, withSignatures } from './document-link';

/** One file inline (a milestone's evidence beside its line): the link and the signed note. */
export function DocumentLink({ file }: { file: Attachment }) {
  const { label, note } = documentCaption(file, getLang());
  return (
    <span
      className="doc-link"
      data-attachment={file.id}
      data-signed={file.signed ? '' : undefined}
      data-signature-of={file.signatureOf}
    >
      <a href={file.url} target="_blank" rel="noopener">
        {label}
      </a>
      {note ? <small className="doc-signed">{` ${note}`}</small> : null}
    </span>
  );
}

export function DocumentList({
  files,
  label,
  reportAs,
}: {
  files: Attachment[] | undefined;
  label: string;
  /** Each file can be flagged on its own, as this moderated kind (an answer's files, issue 20). */
  reportAs?: 'answer_file';
}) {
  if (!files?.length) return null;
  const lang = getLang();
  return (
    <ul className="doc-list" aria-label={label}>
      {/* A detached signature file right after the document it signs. */}
      {withSignatures(files).map((a) => {
        const { label: text, note } = documentCaption(a, lang);
        return (
          <li
            key={a.id}
            className={a.signatureOf ? 'doc-link doc-signature' : 'doc-link'}
            data-attachment={a.id}
            data-signed={a.signed ? '' : undefined}
            data-signature-of={a.signatureOf}
          >
            <a href={a.url} target="_blank" rel="noopener">
              {text}
            </a>
            {note ? <small className="doc-signed">{` ${note}`}</small> : null}
            {reportAs ? <ReportContent kind={reportAs} id={a.id} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
