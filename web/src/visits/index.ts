/**
 * Site visits in the web app: the item panel's "Visits" section (counts, each visit with its
 * distance-only presence, and the phone-first visit form). Plugs into the shell. Visits kept on
 * the phone while there was no signal are sent at start-up and whenever the signal returns.
 */
import './visits.css';
import { ready } from '../auth';
import { lazyRender, registerPanelSection } from '../shell';

registerPanelSection({
  id: 'visits',
  order: 15,
  render: lazyRender(() => import('./panel').then((m) => m.renderVisitsSection)),
});

/**
 * Sends what waits, then, while visits still wait (no signal, or the hub out of reach), tries again
 * every 20 s: a phone's `online` event only says a network is there, not that the hub answers, and
 * is not always fired. Each try reads the outbox first, so with nothing waiting it costs nothing.
 */
let retry: ReturnType<typeof setTimeout> | undefined;
const RETRY_MS = 20_000;
function sendWaiting(): void {
  clearTimeout(retry);
  void import('./outbox')
    .then(async (m) => {
      if (navigator.onLine) await m.flushOutbox().catch(() => 0);
      const waiting = (await m.listDrafts()).filter((d) => !d.refused).length;
      if (waiting) retry = setTimeout(sendWaiting, RETRY_MS);
    })
    .catch((err: unknown) => console.error('visits outbox', err));
}
// Back online: send at once, even when the page started with no signal and so could not learn who
// is signed in (the stored token goes with each request; a refusal keeps the visit).
addEventListener('online', sendWaiting);
// At start-up: signed in, or started with no signal (the user is not known then).
if (typeof indexedDB !== 'undefined')
  void ready.then((me) => (me || !navigator.onLine ? sendWaiting() : undefined));
