/**
 * The compose box: text with a live preview of the light formatting, attachments uploaded straight
 * to storage with progress, and posting. Used for new comments, replies and edits.
 */
import {
  ATTACHMENT_TYPES,
  type Attachment,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_COMMENT,
  type UploadTicket,
} from '../../../shared/comments';
import { api } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { describeError } from './errors';
import { renderCommentText } from './richtext-dom';

let counter = 0;

export interface ComposeOptions {
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

export function composeBox(opts: ComposeOptions): HTMLFormElement {
  const id = `compose-${++counter}`;
  const textarea = h('textarea', {
    id,
    name: 'body',
    rows: 4,
    maxlength: 5000,
    required: true,
    'aria-describedby': `${id}-hint`,
    className: 'compose-text',
  });
  textarea.value = opts.initial ?? '';
  const preview = h('div', {
    className: 'compose-preview comment-body',
    hidden: true,
    'aria-live': 'polite',
  });
  const status = h('p', { className: 'compose-status', role: 'status' });
  const attachments: Attachment[] = [];
  const attachmentList = h('ul', { className: 'compose-attachments' });
  let uploading = 0;

  const toggle = h(
    'button',
    { type: 'button', className: 'link-button', 'aria-pressed': 'false' },
    t('thread.compose.preview'),
  );
  toggle.addEventListener('click', () => {
    const showing = preview.hidden;
    if (showing) preview.replaceChildren(renderCommentText(textarea.value));
    preview.hidden = !showing;
    textarea.hidden = showing;
    toggle.setAttribute('aria-pressed', String(showing));
    toggle.textContent = t(showing ? 'thread.compose.write' : 'thread.compose.preview');
  });

  const fileInput = h('input', {
    type: 'file',
    id: `${id}-files`,
    multiple: true,
    accept: ATTACHMENT_TYPES.join(','),
    className: 'compose-files',
  });
  fileInput.addEventListener('change', () => {
    const files = [...(fileInput.files ?? [])];
    fileInput.value = '';
    for (const file of files) void upload(file);
  });

  async function upload(file: File): Promise<void> {
    if (attachments.length + uploading >= MAX_ATTACHMENTS_PER_COMMENT) {
      status.textContent = t('thread.compose.tooMany');
      return;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      status.textContent = t('thread.compose.tooBig', { name: file.name });
      return;
    }
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) {
      status.textContent = t('thread.compose.badType', { name: file.name });
      return;
    }
    uploading++;
    const progress = h('progress', { max: 100, value: 0 });
    const label = h('span', {}, t('thread.compose.uploading', { name: file.name, percent: 0 }));
    const row = h('li', {}, label, progress);
    attachmentList.append(row);
    try {
      const ticket = await api<UploadTicket>('/api/uploads', {
        method: 'POST',
        body: JSON.stringify({ name: file.name, size: file.size, contentType: file.type }),
      });
      await putWithProgress(ticket, file, (percent) => {
        progress.value = percent;
        label.textContent = t('thread.compose.uploading', { name: file.name, percent });
      });
      const att = await api<Attachment>(`/api/uploads/${ticket.id}/finalize`, { method: 'POST' });
      attachments.push(att);
      progress.remove();
      label.textContent = t('thread.compose.uploaded', { name: att.name });
      const remove = h(
        'button',
        { type: 'button', className: 'link-button' },
        t('thread.compose.remove', { name: att.name }),
      );
      remove.addEventListener('click', () => {
        attachments.splice(attachments.indexOf(att), 1);
        row.remove();
      });
      row.append(remove);
    } catch (err) {
      row.remove();
      status.textContent = describeError(err);
    } finally {
      uploading--;
    }
  }

  const send = h('button', { type: 'submit', className: 'primary' }, t(opts.submitKey));
  const form = h(
    'form',
    { className: 'compose', novalidate: true },
    h('label', { for: id }, t(opts.labelKey)),
    textarea,
    preview,
    h('p', { id: `${id}-hint`, className: 'hint' }, t('thread.compose.hint')),
    opts.withAttachments
      ? h(
          'div',
          { className: 'compose-attach' },
          h('label', { for: `${id}-files` }, t('thread.compose.attach')),
          fileInput,
          h('p', { className: 'hint' }, t('thread.compose.attachHint')),
          attachmentList,
        )
      : null,
    h(
      'div',
      { className: 'compose-actions' },
      toggle,
      send,
      opts.cancel
        ? h(
            'button',
            { type: 'button', className: 'link-button', onclick: () => opts.cancel?.() },
            t('thread.cancel'),
          )
        : null,
    ),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!textarea.value.trim()) {
      status.textContent = t('thread.compose.empty');
      return;
    }
    if (uploading > 0) return;
    send.disabled = true;
    try {
      await opts.submit(
        textarea.value,
        attachments.map((a) => a.id),
      );
      textarea.value = '';
      attachments.length = 0;
      attachmentList.replaceChildren();
      status.textContent = '';
    } catch (err) {
      status.textContent = describeError(err);
    } finally {
      send.disabled = false;
    }
  });
  return form;
}
