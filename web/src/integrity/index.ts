/**
 * The integrity lens in the web app: flags and money history in the item panel, the `/flags` page
 * and contractor profiles at `/contractors/{bin}`. Pages are a lazy chunk of their own.
 */
import './integrity.css';
import { lazyRender, registerPage, registerPanelSection } from '../shell';
import { renderIntegritySection } from './panelSection';

registerPanelSection({ id: 'integrity', order: 5, render: renderIntegritySection });

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
