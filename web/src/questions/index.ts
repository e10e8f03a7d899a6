/**
 * Questions to government bodies in the web app: the item panel's questions section, "my
 * questions", the official inbox and the public responsiveness page. Plugs into the shell.
 */
import './questions.css';
import { registerPage, registerPanelSection } from '../shell';
import { renderInboxPage } from './inboxPage';
import { renderMinePage } from './minePage';
import { renderQuestionsSection } from './panel';
import { renderResponsivenessPage } from './responsivenessPage';

registerPanelSection({ id: 'questions', order: 20, render: renderQuestionsSection });

registerPage({
  id: 'questions-mine',
  match: (p) => /^\/questions\/mine\/?$/.test(p),
  navLabelKey: 'questions.mine.nav',
  navPath: '/questions/mine',
  render: (container) => renderMinePage(container),
});

registerPage({
  id: 'questions-inbox',
  match: (p) => /^\/inbox\/?$/.test(p),
  navLabelKey: 'questions.inbox.nav',
  navPath: '/inbox',
  render: (container, url) => renderInboxPage(container, url),
});

registerPage({
  id: 'questions-responsiveness',
  match: (p) => /^\/responsiveness\/?$/.test(p),
  navLabelKey: 'questions.resp.nav',
  navPath: '/responsiveness',
  render: (container) => renderResponsivenessPage(container),
});
