/**
 * Visits waiting to be sent. Every visit is first kept on the phone (IndexedDB, photos as Blobs),
 * then sent; it leaves the phone only when the hub has it. With no signal (common in Moiynkum and
 * Sarysu districts) it waits and goes on the `online` event or at the next start-up. Each visit
 * carries one Idempotency-Key for its whole life, so a send repeated after a lost answer is applied
 * once; photos already uploaded keep their upload id and are not sent again.
 */
import type { Attachment, UploadTicket } from '../../../shared/comments';
import type { VisitInput, VisitView } from '../../../shared/visits';
import { ApiError, api, send, toApiError } from '../api';

export interface DraftPhoto {
  point: string;
  blob: Blob;
  name: string;
  uploadId?: string;
}

export interface VisitDraft {
  /** The Idempotency-Key of the visit's POST, and the draft's id. */
  key: string;
  itemId: string;
  input: Omit<VisitInput, 'checks'> & { checks: Omit<VisitInput['checks'][number], 'photos'>[] };
  photos: DraftPhoto[];
  savedAt: string;
  /** The hub refused it (a 4xx other than 401/429): kept for the visitor to see, not retried. */
  refused?: string;
}

const DB = 'obm-visits';
const STORE = 'outbox';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = work(t.objectStore(STORE));
      t.oncomplete = () => resolve(req.result);
      t.onerror = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

export const saveDraft = (d: VisitDraft) => tx('readwrite', (s) => s.put(d)).then(() => changed());
export const removeDraft = (key: string) => tx('readwrite', (s) => s.delete(key)).then(() => changed());
export const listDrafts = () => tx('readonly', (s) => s.getAll() as IDBRequest<VisitDraft[]>);

const listeners = new Set<() => void>();
export function onOutboxChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
function changed() {
  for (const fn of listeners) fn();
}

/** One file through the upload pipeline (ticket, PUT, finalize); resolves with its upload id. */
export async function uploadBlob(blob: Blob, name: string): Promise<string> {
  const ticket = await api<UploadTicket>('/api/uploads', {
    method: 'POST',
    body: JSON.stringify({ name, size: blob.size, contentType: blob.type || 'image/jpeg' }),
  });
  const put = await fetch(ticket.url, { method: ticket.method, headers: ticket.headers, body: blob });
  if (!put.ok) throw await toApiError(put);
  const att = await api<Attachment>(`/api/uploads/${ticket.id}/finalize`, { method: 'POST' });
  return att.id;
}

const uploadPhoto = (photo: DraftPhoto) => uploadBlob(photo.blob, photo.name);

/** Sends one draft; resolves with the visit when the hub has it (the draft is then removed). */
export async function sendDraft(draft: VisitDraft): Promise<VisitView> {
  for (const photo of draft.photos) {
    if (photo.uploadId) continue;
    photo.uploadId = await uploadPhoto(photo);
    await saveDraft(draft);
  }
  const body: VisitInput = {
    ...draft.input,
    checks: draft.input.checks.map((c) => ({
      ...c,
      photos: draft.photos.filter((p) => p.point === c.point).map((p) => p.uploadId!),
    })),
  };
  const res = await send(
    new Request(new URL(`/api/items/${draft.itemId}/visits`, location.href), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': draft.key },
      body: JSON.stringify(body),
    }),
  );
  if (!res.ok) throw await toApiError(res);
  const visit = (await res.json()) as VisitView;
  await removeDraft(draft.key);
  return visit;
}

/** A refusal that sending again will not change. */
const final = (err: unknown) =>
  err instanceof ApiError &&
  err.status >= 400 &&
  err.status < 500 &&
  ![401, 408, 409, 429].includes(err.status);

/**
 * A refused draft stays on the phone for the visitor to see, with its photos; not forever: after
 * this many days it is dropped, so refused drafts do not fill the phone's storage.
 */
export const REFUSED_KEEP_DAYS = 30;

/** The refused drafts saved more than REFUSED_KEEP_DAYS ago (pure: the outbox drops these). */
export function expiredDrafts(drafts: VisitDraft[], now: Date): VisitDraft[] {
  const cutoff = now.getTime() - REFUSED_KEEP_DAYS * 86_400_000;
  return drafts.filter((d) => d.refused && Date.parse(d.savedAt) < cutoff);
}

let flushing: Promise<number> | null = null;

/** Sends every waiting draft, oldest first; resolves with how many were sent. */
export function flushOutbox(): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    try {
      const all = await listDrafts();
      for (const d of expiredDrafts(all, new Date())) await removeDraft(d.key);
      const drafts = all.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
      for (const d of drafts) {
        if (d.refused) continue;
        try {
          await sendDraft(d);
          sent++;
        } catch (err) {
          if (final(err)) await saveDraft({ ...d, refused: (err as ApiError).problem.code ?? 'refused' });
          else break; // no signal yet: keep the rest for the next try
        }
      }
    } finally {
      flushing = null;
    }
    return sent;
  })();
  return flushing;
}
