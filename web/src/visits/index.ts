/**
 * Site visits in the web app: the item panel's "Visits" section (counts, each visit with its
 * distance-only presence, and the phone-first visit form). Plugs into the shell.
 */
import './visits.css';
import { lazyRender, registerPanelSection } from '../shell';

registerPanelSection({
  id: 'visits',
  order: 15,
  render: lazyRender(() => import('./panel').then((m) => m.renderVisitsSection)),
});
