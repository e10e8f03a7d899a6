/** Atom feeds in the web app (the app loads every feature's `index.ts`): the item panel's feed link. */
import './section';
