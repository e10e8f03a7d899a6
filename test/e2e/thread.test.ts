/**
 * Discussion threads in a real browser with real tokens: hostile comments never run (a global flag
 * that every payload would set stays unset) and the CSP header is set; a citizen writes with a
 * preview and attaches a photo; an official's reply carries the body's badge; a moderator hides a
 * flagged comment from the queue and readers see the placeholder with the reason.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import sharp from 'sharp';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uploadKey } from '../../functions/blobs/uploads';
import { putBody } from '../../functions/data/bodies';
import { putItem } from '../../functions/data/items';
import type { CommentView } from '../../shared/comments';
import type { Item } from '../../shared/item';
import type { QuestionView } from '../../shared/questions';
import { XSS_PAYLOADS } from '../../shared/richtext.fixtures';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { type Browser, connectBrowser, type Page } from '../support/browser';
import { sampleItem } from '../support/fixtures';
import { startTestHub, type TestHub } from '../support/hub';

const BODY = 'zha-roads';
const BODY_NAME = 'Department of Passenger Transport and Roads';
const citizen = user('citizen', { sub: 'e2e-thread-citizen', name: 'Dana Citizen' });
const official = user('official', { sub: 'e2e-thread-official', name: 'Roads Official', bodies: [BODY] });
const moderator = user('moderator', { sub: 'e2e-thread-mod', name: 'Mod E2E' });

let hub: TestHub;
let auth: TestAuth;
let browser: Browser;
const pages: Page[] = [];

async function pageAs(who: Principal | null): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const token = who ? await auth.tokenFor(who) : null;
  await context.addInitScript((t) => {
    localStorage.setItem('obm.lang', 'en');
    if (t) localStorage.setItem('obm.idToken', t);
  }, token);
  const page = await context.newPage();
  page.on('dialog', (d) => void d.dismiss());
  pages.push(page);
  return page;
}

async function api<T>(who: Principal, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${hub.baseUrl}/api${path}`, {
    method,
    headers: {
      ...(await auth.bearer(who)),
      'Content-Type': 'application/json',
      // Every create carries an Idempotency-Key, as the web's client sends one on each POST.
      ...(method === 'POST' ? { 'Idempotency-Key': randomUUID() } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function newItem(): Promise<Item> {
  const item = sampleItem({ body: { id: BODY, name: { en: BODY_NAME } } });
  await putItem(hub.store, item);
  return item;
}

/** A finalized PDF upload of `who`, as the publisher leaves it (the page lists it, never opens it). */
async function readyPdf(who: Principal, name: string): Promise<string> {
  const id = ulid();
  const at = new Date().toISOString();
  await hub.store.doc.send(
    new PutCommand({
      TableName: hub.store.table,
      Item: {
        ...uploadKey(id),
        entity: 'upload',
        id,
        ownerSub: who.sub,
        name,
        declaredType: 'application/pdf',
        declaredSize: 900,
        status: 'ready',
        type: 'application/pdf',
        size: 900,
        createdAt: at,
      },
    }),
  );
  return id;
}

beforeAll(async () => {
  auth = await testAuth();
  hub = await startTestHub({
    seed: false,
    deps: { auth: auth.verifier, rateLimits: { comment: { limit: 1000, windowSeconds: 60 } } },
  });
  await putBody(hub.store, { id: BODY, name: { en: BODY_NAME } });
  browser = await connectBrowser(inject('browserWsEndpoint'));
});
afterAll(async () => {
  for (const p of pages) await p.context().close();
  await browser?.close();
  await hub?.stop();
});

describe('hostile comments', () => {
  it('never execute: the flag every payload would set stays unset, and markup shows as text', async () => {
    const item = await newItem();
    for (const body of XSS_PAYLOADS) await api(citizen, 'POST', `/items/${item.id}/comments`, { body });
    const page = await pageAs(null);
    await page.goto(`${hub.baseUrl}/items/${item.id}`);
    await expect
      .poll(() => page.locator('.thread .comment').count(), { timeout: 20_000 })
      .toBe(XSS_PAYLOADS.length);
    // Give any event handler a chance: hover and focus everything in the thread.
    for (const el of await page.locator('.thread-list .comment-body *').all())
      await el.hover({ force: true }).catch(() => {});
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(
      await page
        .locator(
          '.thread script, .thread img:not([src^="/api/attachments/"]), .thread svg, .thread iframe, .thread object, .thread embed',
        )
        .count(),
    ).toBe(0);
    expect(
      await page
        .locator('.thread-list .comment-body', { hasText: '<script>window.__xss=1</script>' })
        .count(),
    ).toBe(1);
  });

  it('renders only http(s)/mailto links, each with rel="nofollow ugc noopener"', async () => {
    const item = await newItem();
    await api(citizen, 'POST', `/items/${item.id}/comments`, {
      body: `See [the contract](https://example.org/c) and ${XSS_PAYLOADS.filter((p) => p.includes('](')).join(' ')}`,
    });
    const page = await pageAs(null);
    await page.goto(`${hub.baseUrl}/items/${item.id}`);
    await page.locator('.thread-list .comment-body').first().waitFor();
    const links = await page
      .locator('.thread-list .comment-body a')
      .evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel') })));
    expect(links).toContainEqual({ href: 'https://example.org/c', rel: 'nofollow ugc noopener' });
    for (const link of links) {
      expect(link.href).toMatch(/^(https?:\/\/|mailto:)/);
      expect(link.rel).toBe('nofollow ugc noopener');
    }
  });

  it('is served under a Content-Security-Policy without inline scripts', async () => {
    const item = await newItem();
    const page = await pageAs(null);
    const res = await page.goto(`${hub.baseUrl}/items/${item.id}`);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });
});

describe('writing', () => {
  it('previews the formatting, then posts the comment into the thread', async () => {
    const item = await newItem();
    const page = await pageAs(citizen);
    await page.goto(`${hub.baseUrl}/items/${item.id}`);
    const box = page.locator('.thread-compose');
    await box.getByLabel('Your comment').fill('Site visit today:\n\n- roof still leaks\n- no workers');
    await box.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => box.locator('.compose-preview li').allTextContents())
      .toEqual(['roof still leaks', 'no workers']);
    await box.getByRole('button', { name: 'Post' }).click();
    await expect
      .poll(() => page.locator('.thread-list .comment-body li').allTextContents(), { timeout: 15_000 })
      .toEqual(['roof still leaks', 'no workers']);
    expect(await page.locator('.thread-count').textContent()).toBe('1 comment');
  });

  it('uploads a photo with progress and shows its thumbnail on the posted comment', async () => {
    const item = await newItem();
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#8a6' } })
      .jpeg()
      .toBuffer();
    const page = await pageAs(citizen);
    await page.goto(`${hub.baseUrl}/items/${item.id}`);
    const box = page.locator('.thread-compose');
    await box
      .getByLabel('Attach photos or PDFs')
      .setInputFiles({ name: 'roof.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect
      .poll(() => box.locator('.compose-attachments li').first().textContent(), { timeout: 20_000 })
      .toContain('roof.jpg: ready');
    await box.getByLabel('Your comment').fill('Photo of the roof');
    await box.getByRole('button', { name: 'Post' }).click();
    const img = page.locator('.thread .comment-attachments img');
    await img.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 15_000 })
      .toBe(320);
  });
});

describe('officials and moderators', () => {
  it('marks an official’s reply with a badge naming the body', async () => {
    const item = await newItem();
    const top = await api<CommentView>(citizen, 'POST', `/items/${item.id}/comments`, {
      body: 'When will it be fixed?',
    });
    await api(official, 'POST', `/items/${item.id}/comments`, { body: 'In August.', parentId: top.id });
    const page = await pageAs(null);
    await page.goto(`${hub.baseUrl}/items/${item.id}`);
    const reply = page.locator('.thread-replies .comment-official');
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.locator('.official-badge').textContent()).toBe(`Official answer: ${BODY_NAME}`);
  });

  it('lists the documents of an official’s answer on its copy in the thread', async () => {
    const item = await newItem();
    const q = await api<QuestionView>(citizen, 'POST', `/items/${item.id}/questions`, {
      text: 'Was the repair accepted?',
    });
    const act = await readyPdf(official, 'acceptance-act.pdf');
    await api(official, 'POST', `/items/${item.id}/questions/${q.id}/answer`, {
      text: 'Accepted on 12 May; the act is attached.',
      attachments: [act],
    });
    const page = await pageAs(null);
    await page.goto(`${hub.baseUrl}/items/${item.id}`);
    const files = page.locator('.thread .comment-official').getByRole('list', { name: 'Attached documents' });
    await files.waitFor({ timeout: 15_000 });
    expect(await files.locator(`[data-attachment="${act}"] a`).getAttribute('href')).toBe(
      `/api/attachments/${act}`,
    );
  });

  it('lets a moderator hide a flagged comment; readers then see the reason placeholder', async () => {
    const item = await newItem();
    const bad = await api<CommentView>(citizen, 'POST', `/items/${item.id}/comments`, {
      body: 'Call 8-777-000-00-00 now',
    });
    await api(user('citizen', { sub: 'flagger-e2e' }), 'POST', `/comments/${bad.id}/flags`, {
      reason: 'personal_data',
    });
    const mod = await pageAs(moderator);
    await mod.goto(`${hub.baseUrl}/moderation`);
    const entry = mod.locator(`.moderation-entry[data-content-id="${bad.id}"]`);
    await entry.waitFor({ timeout: 15_000 });
    expect(await entry.locator('.moderation-text').textContent()).toBe('Call 8-777-000-00-00 now');
    await entry.getByLabel('Reason').selectOption('personal_data');
    await entry.getByLabel('Note (goes into the log)').fill('Phone number of a private person');
    await entry.getByRole('button', { name: 'Hide' }).click();
    await expect
      .poll(() => mod.locator('.moderation-audit li').first().textContent(), { timeout: 15_000 })
      .toContain('hidden');

    const reader = await pageAs(null);
    await reader.goto(`${hub.baseUrl}/items/${item.id}`);
    const placeholder = reader.locator('.thread .comment-placeholder');
    await placeholder.waitFor({ timeout: 15_000 });
    expect(await placeholder.textContent()).toBe('Hidden by a moderator: personal data');
    expect(await reader.locator('.thread').textContent()).not.toContain('8-777');

    // The hide was a mistake: the "Hidden" list still has it, with its history, and restores it.
    await mod.getByRole('button', { name: 'Hidden', exact: true }).click();
    const hidden = mod.locator(`.moderation-entry[data-content-id="${bad.id}"]`);
    await hidden.waitFor({ timeout: 15_000 });
    await hidden.getByRole('button', { name: 'History' }).click();
    await expect
      .poll(() => hidden.locator('.moderation-history li').first().textContent(), { timeout: 15_000 })
      .toContain('Phone number of a private person');
    await hidden.getByLabel('Reason').selectOption('other');
    await hidden.getByLabel('Note (goes into the log)').fill('Shop number, not private');
    await hidden.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => hidden.count(), { timeout: 15_000 }).toBe(0);
    await reader.reload();
    await expect
      .poll(() => reader.locator('.thread').textContent(), { timeout: 15_000 })
      .toContain('Call 8-777-000-00-00 now');
  });
});
