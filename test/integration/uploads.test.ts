/**
 * Attachments end to end on the local blob store: ticket → PUT to the signed URL (the store
 * publishes it, as S3's notification runs the upload publisher in the cloud) → finalize →
 * attach to a comment → download. Types are decided by content; metadata (GPS) never reaches the
 * public copy; forged, oversize and wrong-type files are refused with 400 and nothing is stored.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { loadAuditRecord } from '../../functions/audit/records';
import { createLocalBlobStore, type LocalBlobStore } from '../../functions/blobs/local';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import type { Attachment, CommentView, ThreadPage, UploadTicket } from '../../shared/comments';
import type { ProgressUpdateView } from '../../shared/progress-updates';
import type { QuestionView } from '../../shared/questions';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { detachedSignature } from '../support/cms-signature';
import { sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { recordRecommendation } from '../support/recommendation';
import { createTestStore } from '../support/store';

let store: Store;
let auth: TestAuth;
let blobs: LocalBlobStore;
let dir: string;
beforeAll(async () => {
  store = await createTestStore('uploads');
  auth = await testAuth();
  dir = await mkdtemp(join(tmpdir(), 'obm-uploads-'));
  blobs = createLocalBlobStore(dir);
});
afterAll(async () => {
  store.raw.destroy();
  await rm(dir, { recursive: true, force: true });
});

const app = () => keyed(createApp({ store, auth: auth.verifier, now: () => new Date(), blobs }));
const alice = user('citizen', { sub: 'uploader', name: 'Uploader' });
const mallory = user('citizen', { sub: 'mallory' });

async function call(method: string, path: string, who?: Principal, body?: unknown) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return app().request(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

/** A JPEG with EXIF GPS coordinates, as phones write them. */
async function photoWithLocation(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: '#c96' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'Cam 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '42/1 54/1 0/1' },
    })
    .toBuffer();
}

async function upload(bytes: Uint8Array, contentType: string, who: Principal = alice, name = 'file') {
  const res = await call('POST', '/api/uploads', who, { name, size: bytes.byteLength, contentType });
  expect(res.status).toBe(201);
  const ticket = (await res.json()) as UploadTicket;
  const put = await app().request(ticket.url, {
    method: 'PUT',
    headers: { ...ticket.headers, 'Content-Length': String(bytes.byteLength) },
    body: new Uint8Array(bytes).buffer,
  });
  expect(put.status).toBe(200);
  return { ticket, finalize: () => call('POST', `/api/uploads/${ticket.id}/finalize`, who) };
}

async function fetchRedirected(path: string) {
  const first = await app().request(path);
  expect(first.status).toBe(302);
  return app().request(first.headers.get('location')!);
}

async function publicFiles() {
  return (await readdir(join(dir, 'public')).catch(() => [])).length;
}

describe('images', () => {
  it('publishes a re-encoded copy without EXIF and a thumbnail, and attaches it to a comment', async () => {
    const photo = await photoWithLocation();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const { finalize } = await upload(photo, 'image/jpeg', alice, 'roof.jpg');
    const res = await finalize();
    expect(res.status).toBe(200);
    const att = (await res.json()) as Attachment;
    expect(att).toMatchObject({ type: 'image/jpeg', width: 800, height: 600, name: 'roof.jpg' });

    const item = sampleItem();
    await putItem(store, item);
    const posted = await call('POST', `/api/items/${item.id}/comments`, alice, {
      body: 'Photos',
      attachments: [att.id],
    });
    expect(posted.status).toBe(201);
    const page = (await (await call('GET', `/api/items/${item.id}/comments`)).json()) as ThreadPage;
    expect(page.comments[0]?.attachments[0]?.id).toBe(att.id);

    const file = await fetchRedirected(att.url);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
    const thumb = await fetchRedirected(att.thumbnailUrl!);
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(320);
  });
});

/** A PDF as office software writes one: who wrote it with what, in the Info dictionary and in XMP. */
async function pdfWithAuthorAndXmp(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([200, 200]).drawText('Act of acceptance', { x: 20, y: 100, size: 12 });
  doc.setTitle('Act of acceptance No. 12');
  doc.setAuthor('Aigerim Secretova');
  doc.setCreator('Microsoft Word');
  doc.setProducer('Acrobat PDFMaker 23');
  const xmp = doc.context.stream(
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Aigerim Secretova</dc:creator></x:xmpmeta>',
    { Type: 'Metadata', Subtype: 'XML' },
  );
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  return doc.save({ useObjectStreams: false });
}

/**
 * A hand-built PDF with a signature field whose value is a /Sig dictionary with /ByteRange and
 * /Contents, as signing tools write them. The signature bytes are zeros: it is not
 * cryptographically valid, and need not be — the publisher must not rewrite it either way.
 */
function pdfWithSignatureDictionary(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >>',
    '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /Rect [0 0 0 0] /P 3 0 R /V 5 0 R >>',
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 100 200 300] /Contents <${'0'.repeat(64)}> /Name (Director) >>`,
    '<< /Author (Aigerim Secretova) /Producer (Signing tool) >>',
  ];
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** A signed act and its detached signature file (made now by OpenSSL), both uploaded by `who`. */
async function actWithSignature(who: Principal) {
  const pdf = pdfWithSignatureDictionary();
  const p7s = detachedSignature(pdf);
  const act = (await (
    await (await upload(pdf, 'application/pdf', who, 'act.pdf')).finalize()
  ).json()) as Attachment;
  const res = await (await upload(p7s, 'application/pkcs7-signature', who, 'act.pdf.p7s')).finalize();
  expect(res.status).toBe(200);
  return { act, sig: (await res.json()) as Attachment, pdf, p7s };
}

/**
 * A document and its signature as published on a record: linked, each with the SHA-256 of what is
 * served; the record's latest chain entry hashed both; both files served byte for byte.
 */
async function expectSignedPair(
  shown: readonly Attachment[] | undefined,
  record: string,
  pair: Awaited<ReturnType<typeof actWithSignature>>,
) {
  const { act, sig, pdf, p7s } = pair;
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  expect(shown).toEqual([
    expect.objectContaining({ id: act.id, sha256: sha(pdf) }),
    expect.objectContaining({
      id: sig.id,
      type: 'application/pkcs7-signature',
      signatureOf: act.id,
      sha256: sha(p7s),
    }),
  ]);
  const chained = JSON.stringify((await loadAuditRecord(store, record))?.fields);
  expect(chained).toContain(sha(pdf));
  expect(chained).toContain(sha(p7s));
  expect(await (await call('GET', `/api/audit/verify?record=${record}`)).json()).toMatchObject({ ok: true });
  for (const [file, bytes] of [
    [act, pdf],
    [sig, p7s],
  ] as const) {
    const served = await fetchRedirected(file.url);
    // Both are downloads (a PDF is never shown inline from the hub's origin, a signature never opens).
    expect(served.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  }
}

describe('PDF documents', () => {
  it('publishes a PDF without its Author, Creator, Producer and XMP metadata, keeps its title, as a download', async () => {
    const original = await pdfWithAuthorAndXmp();
    const raw = (b: Uint8Array) => Buffer.from(b).toString('latin1');
    expect(raw(original)).toContain('Aigerim Secretova');
    expect(raw(original)).toContain('xmpmeta');
    const { finalize } = await upload(original, 'application/pdf', alice, 'act.pdf');
    const att = (await (await finalize()).json()) as Attachment;
    expect(att).toMatchObject({ type: 'application/pdf', name: 'act.pdf' });
    expect(att.thumbnailUrl).toBeUndefined();
    expect(att.signed).toBeUndefined();
    const file = await fetchRedirected(att.url);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    const published = new Uint8Array(await file.arrayBuffer());
    expect(att.size).toBe(published.byteLength);
    // Written without object streams, so the plain bytes show everything the file holds.
    expect(raw(published)).not.toContain('Aigerim Secretova');
    expect(raw(published)).not.toMatch(/xmpmeta|\/Metadata|Microsoft Word|PDFMaker/);
    const doc = await PDFDocument.load(published, { updateMetadata: false });
    expect([doc.getAuthor(), doc.getCreator(), doc.getProducer()]).toEqual([undefined, undefined, undefined]);
    expect(doc.getTitle()).toBe('Act of acceptance No. 12');
    expect(doc.getPageCount()).toBe(1);
  });

  it('publishes a PDF with a signature dictionary byte for byte, noted as signed (fixture signature is not cryptographically valid)', async () => {
    const signed = pdfWithSignatureDictionary();
    const { finalize } = await upload(signed, 'application/pdf', alice, 'signed-act.pdf');
    const att = (await (await finalize()).json()) as Attachment;
    expect(att).toMatchObject({ type: 'application/pdf', signed: true, size: signed.byteLength });
    const published = new Uint8Array(await (await fetchRedirected(att.url)).arrayBuffer());
    expect(Buffer.from(published).equals(Buffer.from(signed))).toBe(true);
  });
});

describe('refused files', () => {
  it.each([
    [
      'an SVG with script',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'image/png',
    ],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'image/png'],
    [
      'a forged JPEG (magic bytes, then garbage)',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x41)]),
      'image/jpeg',
    ],
    ['a truncated PDF', Buffer.from('%PDF-1.4\n1 0 obj<<>>', 'latin1'), 'application/pdf'],
  ])('refuses %s with 400 and publishes nothing', async (_, bytes, type) => {
    const before = await publicFiles();
    const { finalize } = await upload(bytes, type);
    const res = await finalize();
    expect(res.status).toBe(400);
    expect(await publicFiles()).toBe(before);
  });

  it.each([
    ['a PNG sent as a PDF', 'upload.type_mismatch', 'png', 'application/pdf'],
    ['a PDF sent as a JPEG', 'upload.type_mismatch', 'pdf', 'image/jpeg'],
    ['an HTML page sent as a PDF', 'upload.type_unsupported', 'html', 'application/pdf'],
  ] as const)(
    'refuses a forged type, %s, with 400 %s, and publishes nothing',
    async (_, code, what, type) => {
      const bytes =
        what === 'png'
          ? await sharp({ create: { width: 10, height: 10, channels: 4, background: '#000' } })
              .png()
              .toBuffer()
          : what === 'pdf'
            ? await pdfWithAuthorAndXmp()
            : Buffer.from('<!doctype html><script>alert(1)</script>');
      const before = await publicFiles();
      const { finalize } = await upload(bytes, type, alice, 'forged');
      const res = await finalize();
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { code: string; errors: { field: string; code: string }[] };
      expect(problem.code).toBe(code);
      expect(problem.errors[0]).toMatchObject({ field: 'file', code });
      expect(await publicFiles()).toBe(before);
    },
  );

  it('refuses a file sent as a signature that is not a CMS SignedData with 400 upload.signature_invalid', async () => {
    const before = await publicFiles();
    const { finalize } = await upload(
      await pdfWithAuthorAndXmp(),
      'application/pkcs7-signature',
      alice,
      'act.p7s',
    );
    const res = await finalize();
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('upload.signature_invalid');
    expect(await publicFiles()).toBe(before);
  });

  it('refuses an announced size over 10 MB with 400', async () => {
    const res = await call('POST', '/api/uploads', alice, {
      name: 'big.jpg',
      size: 10 * 1024 * 1024 + 1,
      contentType: 'image/jpeg',
    });
    expect(res.status).toBe(400);
  });

  it('refuses a declared type outside JPEG/PNG/WebP/PDF with 400', async () => {
    const res = await call('POST', '/api/uploads', alice, {
      name: 'x.svg',
      size: 10,
      contentType: 'image/svg+xml',
    });
    expect(res.status).toBe(400);
  });

  it('refuses an upload PUT larger than the signed size', async () => {
    const res = await call('POST', '/api/uploads', alice, {
      name: 'a.jpg',
      size: 10,
      contentType: 'image/jpeg',
    });
    const ticket = (await res.json()) as UploadTicket;
    const put = await app().request(ticket.url, {
      method: 'PUT',
      headers: { ...ticket.headers, 'Content-Length': '20' },
      body: new Uint8Array(20),
    });
    expect(put.status).toBe(403);
  });

  it('refuses a PUT with a tampered signature', async () => {
    const res = await call('POST', '/api/uploads', alice, {
      name: 'a.jpg',
      size: 10,
      contentType: 'image/jpeg',
    });
    const ticket = (await res.json()) as UploadTicket;
    const put = await app().request(ticket.url.replace('len=10', 'len=11'), {
      method: 'PUT',
      headers: { ...ticket.headers, 'Content-Length': '11' },
      body: new Uint8Array(11),
    });
    expect(put.status).toBe(403);
  });
});

describe('claiming attachments', () => {
  it('refuses someone else’s upload in a comment with 400 and stores no comment', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const { finalize } = await upload(png, 'image/png', alice);
    const att = (await (await finalize()).json()) as Attachment;
    const item = sampleItem();
    await putItem(store, item);
    const res = await call('POST', `/api/items/${item.id}/comments`, mallory, {
      body: 'mine now',
      attachments: [att.id],
    });
    expect(res.status).toBe(400);
    const page = (await (await call('GET', `/api/items/${item.id}/comments`)).json()) as ThreadPage;
    expect(page.count).toBe(0);
  });

  it('refuses an upload whose file never arrived (so was never published) with 400', async () => {
    const res = await call('POST', '/api/uploads', alice, {
      name: 'act.pdf',
      size: 15,
      contentType: 'application/pdf',
    });
    const ticket = (await res.json()) as UploadTicket;
    const item = sampleItem();
    await putItem(store, item);
    const comment = await call('POST', `/api/items/${item.id}/comments`, alice, {
      body: 'x',
      attachments: [ticket.id],
    });
    expect(comment.status).toBe(400);
    expect((await call('POST', `/api/uploads/${ticket.id}/finalize`, alice)).status).toBe(400);
  });

  it('lets an attachment be used by one comment only', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const { finalize } = await upload(png, 'image/png', alice);
    const att = (await (await finalize()).json()) as Attachment;
    const item = sampleItem();
    await putItem(store, item);
    const first = await call('POST', `/api/items/${item.id}/comments`, alice, {
      body: 'one',
      attachments: [att.id],
    });
    expect(first.status).toBe(201);
    const again = await call('POST', `/api/items/${item.id}/comments`, alice, {
      body: 'two',
      attachments: [att.id],
    });
    expect(again.status).toBe(400);
    expect(((await first.json()) as CommentView).attachments).toHaveLength(1);
  });

  it('refuses on a comment a photo that a site visit already took, naming the attachment', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const { finalize } = await upload(png, 'image/png', alice);
    const att = (await (await finalize()).json()) as Attachment;
    const item = sampleItem();
    await putItem(store, item);
    const visit = await call('POST', `/api/items/${item.id}/visits`, alice, {
      visitedOn: '2026-05-14',
      checks: [{ point: 'potholes', result: 'problem', photos: [att.id] }],
      verdict: 'does_not_match',
    });
    expect(visit.status).toBe(201);
    const res = await call('POST', `/api/items/${item.id}/comments`, alice, {
      body: 'the same photo',
      attachments: [att.id],
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors?: { field: string }[] };
    expect(problem.errors?.map((e) => e.field)).toEqual(['attachments.0']);
  });

  it('refuses finalizing another user’s upload with 403', async () => {
    const { ticket } = await upload(Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    expect((await call('POST', `/api/uploads/${ticket.id}/finalize`, mallory)).status).toBe(403);
  });
});

describe('documents on answers (issue 19, item 5)', () => {
  const official = user('official', { sub: 'roads-official', name: 'Roads Official', bodies: ['zha-roads'] });

  // The signature tests ask as someone else: one asker may raise 5 questions an hour.
  const signatureAsker = user('citizen', { sub: 'signature-asker' });

  async function questionOnRoadsItem(asker: Principal = mallory) {
    const item = sampleItem({ body: { id: 'zha-roads', name: { en: 'Roads' } } });
    await putItem(store, item);
    const res = await call('POST', `/api/items/${item.id}/questions`, asker, {
      text: 'Was the road repair accepted, and by whom?',
    });
    expect(res.status).toBe(201);
    return (await res.json()) as QuestionView;
  }

  it('an official answers with the signed act attached: public on the question, in the same chain entry, downloadable intact', async () => {
    const q = await questionOnRoadsItem();
    const signed = pdfWithSignatureDictionary();
    const act = (await (
      await (await upload(signed, 'application/pdf', official, 'signed-act.pdf')).finalize()
    ).json()) as Attachment;
    const res = await call('POST', `/api/items/${q.itemId}/questions/${q.id}/answer`, official, {
      text: 'The works were accepted on 12 May; the signed act is attached.',
      attachments: [act.id],
    });
    expect(res.status).toBe(200);
    const shown = (await (
      await call('GET', `/api/items/${q.itemId}/questions/${q.id}`)
    ).json()) as QuestionView;
    expect(shown.answers[0]?.attachments).toEqual([
      expect.objectContaining({ id: act.id, name: 'signed-act.pdf', signed: true, url: act.url }),
    ]);
    // Its copy on the item's discussion thread lists the same document.
    const thread = (await (await call('GET', `/api/items/${q.itemId}/comments`)).json()) as ThreadPage;
    expect(thread.comments[0]?.attachments).toEqual([
      expect.objectContaining({ id: act.id, name: 'signed-act.pdf', signed: true, url: act.url }),
    ]);
    // The stored question, files included, is what its latest chain entry hashed.
    const check = await call('GET', `/api/audit/verify?record=question/${q.itemId}/${q.id}`);
    expect(await check.json()).toMatchObject({ ok: true });
    const published = new Uint8Array(await (await fetchRedirected(act.url)).arrayBuffer());
    expect(Buffer.from(published).equals(Buffer.from(signed))).toBe(true);
  });

  it("refuses another account's file on an answer with 400 attachment.unusable and leaves the question unanswered", async () => {
    const q = await questionOnRoadsItem();
    const { finalize } = await upload(Buffer.from(pdfWithSignatureDictionary()), 'application/pdf', alice);
    const theirs = (await (await finalize()).json()) as Attachment;
    const res = await call('POST', `/api/items/${q.itemId}/questions/${q.id}/answer`, official, {
      text: 'Attached.',
      attachments: [theirs.id],
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { field: string; code: string }[] };
    expect(problem.errors[0]).toMatchObject({ field: 'attachments.0', code: 'attachment.unusable' });
    const shown = (await (
      await call('GET', `/api/items/${q.itemId}/questions/${q.id}`)
    ).json()) as QuestionView;
    expect(shown).toMatchObject({ status: 'received', answers: [] });
  });

  it('an answer carries a detached signature beside its document: linked, both hashes in the chained record, served as received', async () => {
    const q = await questionOnRoadsItem(signatureAsker);
    const pair = await actWithSignature(official);
    const res = await call('POST', `/api/items/${q.itemId}/questions/${q.id}/answer`, official, {
      text: 'The act of acceptance and its EDS signature are attached.',
      attachments: [pair.act.id, { id: pair.sig.id, signatureOf: pair.act.id }],
    });
    expect(res.status).toBe(200);
    const files = ((await res.json()) as QuestionView).answers[0]?.attachments;
    await expectSignedPair(files, `question/${q.itemId}/${q.id}`, pair);
  });

  it.each([
    ['a signature file naming no document', 'attachment.signature_unlinked', 'none'],
    ['a signature file naming a file not in the list', 'attachment.signature_target', 'outside'],
  ] as const)('refuses %s with 400 %s and leaves the question unanswered', async (_, code, how) => {
    const q = await questionOnRoadsItem(signatureAsker);
    const { act, sig } = await actWithSignature(official);
    const res = await call('POST', `/api/items/${q.itemId}/questions/${q.id}/answer`, official, {
      text: 'Attached.',
      attachments: how === 'none' ? [act.id, sig.id] : [{ id: sig.id, signatureOf: act.id }],
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { field: string; code: string }[] };
    expect(problem.errors[0]).toMatchObject({
      field: how === 'none' ? 'attachments.1' : 'attachments.0',
      code,
    });
    const shown = (await (
      await call('GET', `/api/items/${q.itemId}/questions/${q.id}`)
    ).json()) as QuestionView;
    expect(shown.answers).toEqual([]);
  });

  it('refuses a signature file on a comment, naming the attachment', async () => {
    const item = sampleItem();
    await putItem(store, item);
    const { finalize } = await upload(
      detachedSignature(new Uint8Array([1, 2, 3])),
      'application/pkcs7-signature',
    );
    const sig = (await (await finalize()).json()) as Attachment;
    const res = await call('POST', `/api/items/${item.id}/comments`, alice, {
      body: 'Here.',
      attachments: [sig.id],
    });
    expect(res.status).toBe(400);
  });
});

describe('documents on extensions and redirects (issue 19)', () => {
  const official = user('official', { sub: 'roads-decider', name: 'Roads Decider', bodies: ['zha-roads'] });

  async function question() {
    await putBody(store, { id: 'zha-roads', name: { en: 'Roads' } });
    await putBody(store, { id: 'zha-city', name: { en: 'City' } });
    const item = sampleItem({ body: { id: 'zha-roads', name: { en: 'Roads' } } });
    await putItem(store, item);
    const res = await call(
      'POST',
      `/api/items/${item.id}/questions`,
      user('citizen', { sub: 'decision-asker' }),
      {
        text: 'Who decides on the repair of this road?',
      },
    );
    return (await res.json()) as QuestionView;
  }

  const letter = async () =>
    (await (
      await (await upload(await pdfWithAuthorAndXmp(), 'application/pdf', official, 'letter.pdf')).finalize()
    ).json()) as Attachment;

  it('an extension carries its decision letter: shown with the extension, on the chain, downloadable', async () => {
    const q = await question();
    const doc = await letter();
    const later = new Date(Date.parse(`${q.dueOn}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
    const res = await call('POST', `/api/items/${q.itemId}/questions/${q.id}/extend`, official, {
      reason: 'An inspection of the road is needed first.',
      newDueOn: later,
      attachments: [doc.id],
    });
    expect(res.status).toBe(200);
    const shown = (await res.json()) as QuestionView;
    expect(shown.extensions?.[0]?.attachments).toEqual([expect.objectContaining({ id: doc.id })]);
    const check = await call('GET', `/api/audit/verify?record=question/${q.itemId}/${q.id}`);
    expect(await check.json()).toMatchObject({ ok: true });
    expect((await fetchRedirected(doc.url)).status).toBe(200);
  });

  it("a redirect carries its covering letter, and refuses another account's file with 400 attachment.unusable", async () => {
    const q = await question();
    const theirs = (await (
      await (await upload(await pdfWithAuthorAndXmp(), 'application/pdf', alice)).finalize()
    ).json()) as Attachment;
    const path = `/api/items/${q.itemId}/questions/${q.id}/redirect`;
    const body = { toBodyId: 'zha-city', reason: 'The city akimat maintains this road.' };
    const refused = await call('POST', path, official, { ...body, attachments: [theirs.id] });
    expect(refused.status).toBe(400);
    const doc = await letter();
    const res = await call('POST', path, official, { ...body, attachments: [doc.id] });
    expect(res.status).toBe(200);
    const shown = (await res.json()) as QuestionView;
    expect(shown.redirects[0]?.attachments).toEqual([expect.objectContaining({ id: doc.id })]);
  });
});

describe('detached signatures on follow-ups and progress updates (issue 19, item 5)', () => {
  const official = user('official', { sub: 'roads-reporter', name: 'Roads Reporter', bodies: ['zha-roads'] });

  it('a follow-up marked done carries the signed act and its signature: linked, both hashes on the chain, served intact', async () => {
    const item = sampleItem();
    await putItem(store, item);
    const rec = await recordRecommendation(store, new Date(), { itemId: item.id, due: '2027-01-15' });
    const pair = await actWithSignature(official);
    const res = await call('PATCH', `/api/items/${item.id}/recommendations/${rec.id}`, official, {
      status: 'done',
      evidence: 'Act of acceptance no. 14, signed with EDS',
      documents: [pair.act.id, { id: pair.sig.id, signatureOf: pair.act.id }],
    });
    expect(res.status).toBe(200);
    const { documents } = (await res.json()) as { documents?: Attachment[] };
    await expectSignedPair(documents, `recommendation/${item.id}/${rec.id}`, pair);
  });

  it('a progress update carries the signed act and its signature as milestone evidence: linked, both hashes on the chain, served intact', async () => {
    const item = sampleItem({
      milestones: [
        { id: 'm-asphalt', title: { en: 'Asphalt laid' }, due: '2026-05-01', status: 'scheduled' },
      ],
    });
    await putItem(store, item);
    const pair = await actWithSignature(official);
    // Yesterday in UTC is never after today in Almaty: a milestone cannot be met in the future.
    const metOn = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const res = await call('POST', `/api/items/${item.id}/progress-updates`, official, {
      milestone: {
        milestoneId: 'm-asphalt',
        metOn,
        evidence: [pair.act.id, { id: pair.sig.id, signatureOf: pair.act.id }],
      },
    });
    expect(res.status).toBe(201);
    const update = (await res.json()) as ProgressUpdateView;
    await expectSignedPair(update.milestone?.evidence, `progress/${item.id}/${update.id}`, pair);
  });
});
