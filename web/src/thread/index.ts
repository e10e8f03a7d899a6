/**
 * Discussion threads in the web app: the thread section of the item panel. Plugs into the shell;
 * the shell knows nothing about it.
 */
import './thread.css';
// Moderation styles live with the thread's (same components).
import { lazyRender, registerPanelSection } from '../shell';

registerPanelSection({
  id: 'thread',
  order: 50,
  render: lazyRender(() => import('./thread').then((m) => m.renderThread)),
});
