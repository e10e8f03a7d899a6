/**
 * Questions to government bodies in the web app: the item panel's questions section, "my
 * questions", the official inbox and the public responsiveness page. Plugs into the shell.
 */
import './questions.css';
import { lazyRender, registerPage, registerPanelSection } from '../shell';

registerPanelSection({
  id: 'questions',
  order: 20,
  render: lazyRender(() => import('./panel').then((m) => m.renderQuestionsSection)),
});

registerPage({
  id: 'questions-mine',
  match: (p) => /^\/questions\/mine\/?$/.test(p),
  navLabelKey: 'questions.mine.nav',
  navPath: '/questions/mine',
  render: lazyRender(() => import('./minePage').then((m) => m.renderMinePage)),
});

registerPage({
  id: 'questions-inbox',
  match: (p) => /^\/inbox\/?$/.test(p),
  navLabelKey: 'questions.inbox.nav',
  navPath: '/inbox',
  render: lazyRender(() => import('./inboxPage').then((m) => m.renderInboxPage)),
});

registerPage({
  id: 'questions-responsiveness',
  match: (p) => /^\/responsiveness\/?$/.test(p),
  navLabelKey: 'questions.resp.nav',
  navPath: '/responsiveness',
  render: lazyRender(() => import('./responsivenessPage').then((m) => m.renderResponsivenessPage)),
});
