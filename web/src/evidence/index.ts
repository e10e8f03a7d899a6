/**
 * Officials' progress updates in the web app (issue 19): the item panel's "Updates from the body"
 * section, with each update's milestone, money, status and end-date changes and what site visits
 * said of it; an official of the item's body posts one from there.
 */
import './evidence.css';
import { lazyRender, registerPanelSection } from '../shell';

registerPanelSection({
  id: 'progress',
  order: 12,
  render: lazyRender(() => import('./updates').then((m) => m.renderUpdatesSection)),
});
