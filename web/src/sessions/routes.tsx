/**
 * Every /sessions page in one component: the shell renders a page again only when another page
 * takes over, so moving between sessions pages (and back and forward) is followed here. The page
 * waits until it is known who is signed in, and is mounted anew when that changes (sign-in, sign-out:
 * what may be done changes); a language switch only re-renders it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { mount } from '../ui/mount';
import { CandidatesPage } from './candidatesPage';
import { ListPage } from './listPage';
import { sessionsRoute } from './paths';
import { PrintView } from './printView';
import { SessionPage } from './sessionPage';
import { signedIn, userKnown } from './user';

export function renderSessionsPages(container: HTMLElement): () => void {
  return mount(container, <SessionsPages />);
}

function SessionsPages() {
  const [path, setPath] = useState(location.pathname);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const follow = () => setPath(location.pathname);
    addEventListener('popstate', follow);
    return () => {
      removeEventListener('popstate', follow);
      document.body.classList.remove('printing-session');
    };
  }, []);
  const route = sessionsRoute(path);
  const known = userKnown.value;
  const user = signedIn();
  const who = user?.sub ?? '';
  useEffect(() => {
    document.body.classList.toggle('printing-session', route?.page === 'print');
  }, [route?.page]);
  // A new page (or the same one for another user) starts at its heading, as a page load would.
  useEffect(() => {
    root.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [path, known, who]);
  if (!route || !known) return <div ref={root} />;
  return (
    <div ref={root}>
      {route.page === 'print' ? (
        <PrintView key={`${route.id}/${route.doc}`} id={route.id} doc={route.doc} />
      ) : route.page === 'candidates' ? (
        <CandidatesPage key={who} />
      ) : route.page === 'session' ? (
        <SessionPage key={`${route.id}|${who}`} id={route.id} user={user} />
      ) : (
        <ListPage key={who} user={user} />
      )}
    </div>
  );
}
