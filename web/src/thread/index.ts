/**
 * Discussion threads in the web app: the thread section of the item panel. Plugs into the shell;
 * the shell knows nothing about it.
 */
import './thread.css';
// Moderation styles live with the thread's (same components).
import { registerPanelSection } from '../shell';
import { renderThread } from './thread';

registerPanelSection({ id: 'thread', order: 50, render: (container, item) => renderThread(container, item) });
