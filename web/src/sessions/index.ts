/**
 * Club sessions in the web app: the sessions pages (list, session, printable agenda and minutes)
 * and the club section of the item panel. Plugs into the shell; the shell knows nothing about it.
 */
import './sessions.css';
import { onUserChange } from '../auth';
import { lazyRender, registerPage, registerPanelSection } from '../shell';
import { currentUser } from './user';

/** The pages' code is a chunk of its own, fetched on the first visit to a sessions page. */
const loadPages = () =>
  Promise.all([import('./listPage'), import('./sessionPage'), import('./printView')]).then(
    ([list, session, print]) => ({
      renderListPage: list.renderListPage,
      renderSessionPage: session.renderSessionPage,
      renderPrintView: print.renderPrintView,
    }),
  );

const PATH = /^\/sessions(?:\/([0-9A-HJKMNP-TV-Z]{26})(?:\/print\/(agenda|minutes))?)?\/?$/;

/**
 * One page for every /sessions path: the shell renders a page again only when another page takes
 * over, so moving between sessions pages is followed here.
 */
registerPage({
  id: 'sessions',
  match: (pathname) => PATH.test(pathname),
  navLabelKey: 'sessions.nav',
  navPath: '/sessions',
  render(container) {
    let generation = 0;
    let shown = '';
    const show = () => {
      const path = location.pathname;
      const m = PATH.exec(path);
      if (!m || path === shown) return;
      shown = path;
      const mine = ++generation;
      const alive = () => mine === generation;
      container.replaceChildren();
      document.body.classList.toggle('printing-session', Boolean(m[2]));
      void Promise.all([currentUser(), loadPages()]).then(
        ([user, { renderListPage, renderSessionPage, renderPrintView }]) => {
          if (!alive()) return;
          if (m[1] && m[2]) renderPrintView(container, m[1], m[2] as 'agenda' | 'minutes', alive);
          else if (m[1]) renderSessionPage(container, m[1], user, alive);
          else renderListPage(container, user, alive);
          container.querySelector<HTMLElement>('h1')?.focus();
        },
      );
    };
    addEventListener('popstate', show);
    // Signing in or out changes what may be done here: draw the page again.
    const offUser = onUserChange(() => {
      shown = '';
      show();
    });
    show();
    return () => {
      generation++;
      offUser();
      removeEventListener('popstate', show);
      document.body.classList.remove('printing-session');
    };
  },
});

const REPORT_PATH = /^\/club\/report\/((?:19|20)\d{2}(?:-Q[1-4])?)\/?$/;

/** The club's report for a quarter or a year: a print page at a permanent address, out of the menu. */
registerPage({
  id: 'club-report',
  match: (pathname) => REPORT_PATH.test(pathname),
  render(container) {
    const period = REPORT_PATH.exec(location.pathname)?.[1] ?? '';
    let alive = true;
    document.body.classList.add('printing-session');
    void import('./reportPage').then(({ renderReportPage }) => {
      if (alive) renderReportPage(container, period, () => alive);
    });
    return () => {
      alive = false;
      document.body.classList.remove('printing-session');
    };
  },
});

registerPanelSection({
  id: 'club',
  order: 40,
  render: lazyRender(() => import('./panel').then((m) => m.renderClubSection)),
});
