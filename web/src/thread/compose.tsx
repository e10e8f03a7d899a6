/**
 * The compose box: text with a live preview of the light formatting, attachments uploaded straight
 * to storage with progress, and posting. Used for new comments, replies and edits. A component with
 * its own state, so a re-render of the thread around it (another comment arriving or saved, a
 * language switch) keeps what is typed, the files and the focus.
 */
import { useId, useRef, useState } from 'preact/hooks';
import {
  ATTACHMENT_TYPES,
  type Attachment,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_COMMENT,
  type UploadTicket,
} from '../../../shared/comments';
import { api } from '../api';
import { t } from '../i18n';
import { onSubmit, useFields } from '../ui/form';
import { describeError } from './errors';
import { RichText } from './richtext';

export interface ComposeProps {
  labelKey: string;
  initial?: string;
  /** Edits cannot change attachments. */
  withAttachments: boolean;
  submitKey: string;
  submit(body: string, attachmentIds: string[]): Promise<void>;
  cancel?: () => void;
}

/** PUTs the file to the pre-signed URL, reporting progress (fetch cannot report upload progress). */
function putWithProgress(
  ticket: UploadTicket,
  file: File,
  onProgress: (percent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.method, ticket.url);
    for (const [k, v] of Object.entries(ticket.headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`HTTP ${xhr.status}`));
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(file);
  });
}

/** One file of the box: uploading (with its percentage) or ready (with its attachment). */
interface FileRow {
  key: number;
  name: string;
  percent: number;
  attachment?: Attachment;
}

let rowKeys = 0;

export function Compose(props: ComposeProps) {
  const id = `compose-${useId()}`;
  const fields = useFields({ body: props.initial ?? '' });
  const [previewing, setPreviewing] = useState(false);
  const [status, setStatus] = useState('');
  const [rows, setRows] = useState<FileRow[]>([]);
  const [sending, setSending] = useState(false);
  // Read by the upload and submit handlers between renders.
  const uploading = useRef(0);
  const ready = useRef<Attachment[]>([]);

  const setRow = (key: number, change: Partial<FileRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const dropRow = (key: number) => setRows((all) => all.filter((r) => r.key !== key));

  async function upload(file: File): Promise<void> {
    if (ready.current.length + uploading.current >= MAX_ATTACHMENTS_PER_COMMENT) {
      setStatus(t('thread.compose.tooMany'));
      return;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setStatus(t('thread.compose.tooBig', { name: file.name }));
      return;
    }
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) {
      setStatus(t('thread.compose.badType', { name: file.name }));
      return;
    }
    uploading.current++;
    const key = ++rowKeys;
    setRows((all) => [...all, { key, name: file.name, percent: 0 }]);
    try {
      const ticket = await api<UploadTicket>('/api/uploads', {
        method: 'POST',
        body: JSON.stringify({ name: file.name, size: file.size, contentType: file.type }),
      });
      await putWithProgress(ticket, file, (percent) => setRow(key, { percent }));
      const att = await api<Attachment>(`/api/uploads/${ticket.id}/finalize`, { method: 'POST' });
      ready.current = [...ready.current, att];
      setRow(key, { attachment: att });
    } catch (err) {
      dropRow(key);
      setStatus(describeError(err));
    } finally {
      uploading.current--;
    }
  }

  const remove = (row: FileRow) => {
    ready.current = ready.current.filter((a) => a !== row.attachment);
    dropRow(row.key);
  };

  const send = async () => {
    if (!fields.values.body.trim()) {
      setStatus(t('thread.compose.empty'));
      return;
    }
    if (uploading.current > 0) return;
    setSending(true);
    try {
      await props.submit(
        fields.values.body,
        ready.current.map((a) => a.id),
      );
      fields.reset({ body: '' });
      ready.current = [];
      setRows([]);
      setStatus('');
    } catch (err) {
      setStatus(describeError(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="compose" noValidate onSubmit={onSubmit(() => void send())}>
      <label htmlFor={id}>{t(props.labelKey)}</label>
      <textarea
        id={id}
        {...fields.bind('body')}
        rows={4}
        maxLength={5000}
        required
        aria-describedby={`${id}-hint`}
        className="compose-text"
        hidden={previewing}
      />
      <div className="compose-preview comment-body" hidden={!previewing} aria-live="polite">
        {previewing ? <RichText text={fields.values.body} /> : null}
      </div>
      <p id={`${id}-hint`} className="hint">
        {t('thread.compose.hint')}
      </p>
      {props.withAttachments ? (
        <div className="compose-attach">
          <label htmlFor={`${id}-files`}>{t('thread.compose.attach')}</label>
          <input
            type="file"
            id={`${id}-files`}
            multiple
            accept={ATTACHMENT_TYPES.join(',')}
            className="compose-files"
            onChange={(e) => {
              const input = e.currentTarget;
              const files = [...(input.files ?? [])];
              input.value = '';
              for (const file of files) void upload(file);
            }}
          />
          <p className="hint">{t('thread.compose.attachHint')}</p>
          <ul className="compose-attachments">
            {rows.map((row) =>
              row.attachment ? (
                <li key={row.key}>
                  <span>{t('thread.compose.uploaded', { name: row.attachment.name })}</span>
                  <button type="button" className="link-button" onClick={() => remove(row)}>
                    {t('thread.compose.remove', { name: row.attachment.name })}
                  </button>
                </li>
              ) : (
                <li key={row.key}>
                  <span>{t('thread.compose.uploading', { name: row.name, percent: row.percent })}</span>
                  <progress max={100} value={row.percent} />
                </li>
              ),
            )}
          </ul>
        </div>
      ) : null}
      <div className="compose-actions">
        <button
          type="button"
          className="link-button"
          aria-pressed={previewing ? 'true' : 'false'}
          onClick={() => setPreviewing(!previewing)}
        >
          {t(previewing ? 'thread.compose.write' : 'thread.compose.preview')}
        </button>
        <button type="submit" className="primary" disabled={sending}>
          {t(props.submitKey)}
        </button>
        {props.cancel ? (
          <button type="button" className="link-button" onClick={() => props.cancel?.()}>
            {t('thread.cancel')}
          </button>
        ) : null}
      </div>
      <p className="compose-status" role="status">
        {status}
      </p>
    </form>
  );
}
