/**
 * Club sessions in the web app: the sessions pages (list, session, printable agenda and minutes)
 * and the club section of the item panel. Plugs into the shell; the shell knows nothing about it.
 * Preact components (./routes.tsx and what it renders), in a chunk of their own fetched on the
 * first visit to a sessions page.
 */
import './sessions.css';
import { lazyRender, registerPage, registerPanelSection } from '../shell';
import { sessionsRoute } from './paths';

registerPage({
  id: 'sessions',
  match: (pathname) => sessionsRoute(pathname) !== null,
  navLabelKey: 'sessions.nav',
  navPath: '/sessions',
  render: lazyRender(() => import('./routes').then((m) => m.renderSessionsPages)),
});

const REPORT_PATH = /^\/club\/report\/((?:19|20)\d{2}(?:-Q[1-4])?)\/?$/;

/** The club's report for a quarter or a year: a print page at a permanent address, out of the menu. */
registerPage({
  id: 'club-report',
  match: (pathname) => REPORT_PATH.test(pathname),
  render(container) {
    const period = REPORT_PATH.exec(location.pathname)?.[1] ?? '';
    document.body.classList.add('printing-session');
    const cleanup = lazyRender(() => import('./reportPage').then((m) => m.renderReportPage))(
      container,
      period,
    );
    return () => {
      cleanup();
      document.body.classList.remove('printing-session');
    };
  },
});

registerPanelSection({
  id: 'club',
  order: 40,
  render: lazyRender(() => import('./panel').then((m) => m.renderClubSection)),
});
