/**
 * Entry of the web app. Feature folders (sign-in, threads, questions, sessions, open data,
 * moderation) plug in by registering with ./shell from their `index.ts`; they are loaded here before
 * the shell first renders, so their header widgets, pages and panel sections are there from the start.
 */
import './styles.css';
import { startApp } from './app';
import { getLang, loadLang } from './i18n';

import.meta.glob('./*/index.ts', { eager: true });

const root = document.getElementById('app');
// A reader who chose ru or en gets that catalogue before the first render (kk ships with the page).
if (root)
  void loadLang(getLang()).then(
    () => start(root),
    () => start(root),
  );

function start(root: HTMLElement): void {
  const stop = startApp(root);
  // Every map made is removed when the page goes away (bfcache included).
  addEventListener('pagehide', (e) => {
    if (!e.persisted) stop();
  });
}
