/**
 * Makes the hub an installable app that opens with no signal (issue 19): registers the service
 * worker (web/public/sw.js) once the page has loaded and the browser is idle, so it never competes
 * with the map's first paint, then hands it the files this page already loaded to keep. When they
 * are kept, `<html data-offline="ready">` says so.
 */
function start(): void {
  const { serviceWorker } = navigator;
  serviceWorker.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
    if (e.data?.type === 'offline-ready') document.documentElement.dataset.offline = 'ready';
  });
  void serviceWorker
    .register('/sw.js')
    .then(() => serviceWorker.ready)
    .then((reg) => {
      const urls = performance
        .getEntriesByType('resource')
        .map((r) => r.name)
        .concat([...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((s) => s.src));
      reg.active?.postMessage({ type: 'keep-assets', urls });
    })
    .catch((err: unknown) => console.error('service worker', err));
}

const idle = (fn: () => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 5000 }) : setTimeout(fn, 2000);

if ('serviceWorker' in navigator && isSecureContext) {
  if (document.readyState === 'complete') idle(start);
  else addEventListener('load', () => idle(start), { once: true });
}
