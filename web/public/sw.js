/**
 * The hub's service worker (issue 19): the app shell works with no signal, so a site visit can be
 * recorded and kept on the phone (web/src/visits/outbox.ts) in Moiynkum or Sarysu and sent later.
 * It keeps to the server's cache rules: files under /assets/ have content-hashed names and are
 * immutable, so a kept copy is served first; the page (index.html) and every other file are
 * revalidated on each visit, so the network comes first and the kept copy only when there is none.
 * The API is never cached here: its answers stay as fresh as their own headers say.
 */
const SHELL = 'obm-shell-v1';
const ASSETS = 'obm-assets-v1';
const KEEP = [SHELL, ASSETS];
/**
 * Hashed assets pile up across deploys (each build names its files anew, all in one cache), so the
 * cache is bounded: past this many files the oldest kept are dropped (Cache keys keep insertion
 * order). A build is about 60 files, so the current one and its predecessor fit.
 */
const MAX_ASSETS = 150;

async function pruneAssets(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_ASSETS)).map((k) => cache.delete(k)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.add(new Request('/', { cache: 'no-cache' })))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => !KEEP.includes(k)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

const ownAsset = (url) => {
  const u = new URL(url, self.location.origin);
  return u.origin === self.location.origin && u.pathname.startsWith('/assets/');
};

/** The page sends the files it loaded before this worker controlled it; they are kept once. */
async function keepAssets(urls) {
  const cache = await caches.open(ASSETS);
  await Promise.all(
    urls.filter(ownAsset).map(async (url) => {
      if (await cache.match(url)) return;
      try {
        await cache.add(url);
      } catch {
        // A file gone since the page loaded it: the next visit loads the new one.
      }
    }),
  );
  await pruneAssets(cache);
}

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'keep-assets' || !Array.isArray(event.data.urls)) return;
  event.waitUntil(
    keepAssets(event.data.urls).then(() => event.source?.postMessage({ type: 'offline-ready' })),
  );
});

async function page(request) {
  const cache = await caches.open(SHELL);
  try {
    const res = await fetch(request);
    if (res.ok && (res.headers.get('Content-Type') ?? '').includes('text/html'))
      await cache.put('/', res.clone());
    return res;
  } catch (err) {
    const kept = await cache.match('/');
    if (kept) return kept;
    throw err;
  }
}

async function immutable(request) {
  const cache = await caches.open(ASSETS);
  const kept = await cache.match(request);
  if (kept) return kept;
  const res = await fetch(request);
  if (res.ok) {
    await cache.put(request, res.clone());
    await pruneAssets(cache);
  }
  return res;
}

async function revalidated(request) {
  const cache = await caches.open(SHELL);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(request, res.clone());
    return res;
  } catch (err) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(immutable(request));
  // Files at the root only (the region outline, the manifest, icons); uploads and the basemap's
  // range requests go to the network as they are.
  else if (/^\/[^/]+\.[a-z0-9]+$/i.test(url.pathname)) event.respondWith(revalidated(request));
});
