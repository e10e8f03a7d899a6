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

const flush = () =>
  void ready
    .then((me) => (me ? import('./outbox').then((m) => m.flushOutbox()) : 0))
    .catch((err: unknown) => console.error('visits outbox', err));
// Back online: send whatever waits, even when the page started with no signal and so could not
// learn who is signed in (the stored token goes with each request; a refusal keeps the visit).
addEventListener('online', () => {
  void import('./outbox')
    .then((m) => m.flushOutbox())
    .catch((err: unknown) => console.error('visits outbox', err));
});
if (typeof indexedDB !== 'undefined') flush();
