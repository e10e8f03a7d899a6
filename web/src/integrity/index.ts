/**
 * The integrity lens in the web app: flags and money history in the item panel, the `/flags` page
 * and contractor profiles at `/contractors/{bin}`. Pages and the panel section are lazy chunks.
 */
import './integrity.css';
import { lazyRender, registerPage, registerPanelSection } from '../shell';

registerPanelSection({
  id: 'integrity',
  order: 5,
  render: lazyRender(() => import('./panelSection').then((m) => m.renderIntegritySection)),
});

registerPage({
  id: 'flags',
  match: (p) => p === '/flags' || p === '/flags/',
  navLabelKey: 'integrity.nav',
  navPath: '/flags',
  render: lazyRender(() => import('./pages').then((m) => m.renderFlagsPage)),
});

export const CONTRACTOR_PATH = /^\/contractors\/(\d{12})\/?$/;

registerPage({
  id: 'contractor',
  match: (p) => CONTRACTOR_PATH.test(p),
  render: lazyRender(() => import('./pages').then((m) => m.renderContractorPage)),
});
