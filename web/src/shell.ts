/**
 * Extension points of the app shell, so each feature (threads, questions, sessions, sign-in) plugs
 * into the map app without editing it. The map/list/panel module owns the layout and calls these.
 */
import type { ItemView } from '../../shared/item';

/** A section rendered inside the item panel below the item's facts (e.g. the discussion thread). */
export interface PanelSection {
  id: string;
  /** Lower comes first. */
  order: number;
  render(container: HTMLElement, item: ItemView): (() => void) | undefined;
}

/** A page of its own at a path (e.g. "/sessions", "/inbox"); `match` gets the pathname. */
export interface Page {
  id: string;
  match(pathname: string): boolean;
  /** Label key for the navigation menu (omit to keep the page out of the menu). */
  navLabelKey?: string;
  navPath?: string;
  render(container: HTMLElement, url: URL): (() => void) | undefined;
}

/** Something in the header bar (e.g. the sign-in button and the user's badge). */
export interface HeaderWidget {
  id: string;
  order: number;
  render(container: HTMLElement): (() => void) | undefined;
}

export const panelSections: PanelSection[] = [];
export const pages: Page[] = [];
export const headerWidgets: HeaderWidget[] = [];

export function registerPanelSection(s: PanelSection): void {
  panelSections.push(s);
  panelSections.sort((a, b) => a.order - b.order);
}
export function registerPage(p: Page): void {
  pages.push(p);
}
export function registerHeaderWidget(w: HeaderWidget): void {
  headerWidgets.push(w);
  headerWidgets.sort((a, b) => a.order - b.order);
}

/** Client-side navigation: pushes the URL and lets the app re-render. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

type Render<A extends unknown[]> = (container: HTMLElement, ...args: A) => (() => void) | undefined;

/**
 * A page or panel section whose code is fetched when it is first shown, so the map route's
 * JavaScript holds none of it (a lazy chunk per feature). The cleanup works before it has loaded.
 */
export function lazyRender<A extends unknown[]>(
  load: () => Promise<Render<A>>,
): (container: HTMLElement, ...args: A) => () => void {
  return (container, ...args) => {
    let cleanup: (() => void) | undefined;
    let gone = false;
    load()
      .then((render) => {
        if (!gone) cleanup = render(container, ...args);
      })
      .catch((err: unknown) => console.error(err));
    return () => {
      gone = true;
      cleanup?.();
    };
  };
}
