/**
 * The map as the rest of the app sees it. MapLibre (≈290 KB gzipped) is not in the entry chunk:
 * until it has loaded, the container shows the static first paint (./outline.ts: the region's
 * outline and district names, drawn where the map will draw them), and calls are kept and replayed.
 * MapLibre is fetched by itself once the page has loaded (`load`) and the map is on screen — no
 * gesture, no timer — so it never competes with the first paint for the network or the CPU.
 * A page that covers the map (`hold`: an item's sheet on a phone) does not load it: the outline
 * stays until the map is uncovered (the app calls resize() then).
 */
import type { FeedFeature, ShapeFeature } from '../../../shared/feed';
import type { Lang } from '../../../shared/i18n-text';
import { renderOutline } from './outline';
import { mayStartMap } from './startRule';

export interface ItemMap {
  setItems(features: FeedFeature[]): void;
  setShapes(features: ShapeFeature[]): void;
  /** Rings the pin of `id` (null clears); with `fly`, moves the camera to it. */
  highlight(id: string | null, point?: [number, number], fly?: boolean): void;
  setLang(lang: Lang): void;
  resize(): void;
  destroy(): void;
}

export interface ItemMapOptions {
  lang: Lang;
  label: string;
  onOpenItem(id: string): void;
  /** Tests read the map through `window.__obmMap` only when the page was opened with `?testhooks`. */
  exposeForTests: boolean;
  /** MapLibre could not start (no WebGL, chunk failed to load): the static outline stays. */
  onUnavailable?(err: unknown): void;
  /** The map has drawn itself once (the static first paint is then removed). */
  onDrawn?(): void;
  /**
   * Once, when MapLibre no longer competes for the main thread: it has drawn itself, or could not
   * start. Work nobody sees yet can wait for this.
   */
  onSettled?(): void;
  /**
   * True while the page covers the map, so MapLibre is not worth its CPU yet (an item's sheet on a
   * phone leaves a strip of outline above it); asked again on every resize().
   */
  hold?(): boolean;
}

export function createItemMap(container: HTMLElement, opts: ItemMapOptions): ItemMap {
  let real: ItemMap | null = null;
  let state: 'waiting' | 'loading' | 'started' | 'failed' | 'destroyed' = 'waiting';
  let lang = opts.lang;
  let items: FeedFeature[] | null = null;
  let shapes: ShapeFeature[] | null = null;
  let highlighted: [string | null, [number, number] | undefined, boolean | undefined] | null = null;
  // MapLibre's class, set before MapLibre: its stylesheet's rules for it relay out the first paint's
  // district names (a few ms of text layout, x4 on a phone). With the class already here that happens
  // in the frame that applies the stylesheet, not inside the map's constructor, the page's longest
  // task after the first paint (the constructor's own classList.add is then a no-op).
  container.classList.add('maplibregl-map');
  let placeholder = renderOutline(lang);
  container.append(placeholder);

  let settled = false;
  const settle = () => {
    if (settled) return;
    settled = true;
    opts.onSettled?.();
  };
  const visible = () => container.getClientRects().length > 0;
  function startWhenReady() {
    // Cheap checks first: the layout read (visible) only while the map still waits.
    if (state !== 'waiting' || document.readyState !== 'complete') return;
    const held = opts.hold?.() ?? false;
    if (!mayStartMap({ state, readyState: document.readyState, visible: !held && visible(), held })) return;
    state = 'loading';
    import('./maplibreMap')
      // MapLibre's 1 MB module has just been evaluated and its stylesheet inserted: the map starts
      // in a task of its own after the next frame, so neither the module nor the page's style and
      // layout for the new stylesheet add up with the map's constructor into one long task (the
      // constructor reads the container's size, which forced that layout inside it). Nothing waits
      // on a timer: one frame, then a zero-delay yield.
      .then((m) => new Promise<typeof m>((ok) => requestAnimationFrame(() => setTimeout(() => ok(m), 0))))
      .then(({ startMaplibreMap }) => {
        if (state !== 'loading') return;
        real = startMaplibreMap(container, {
          ...opts,
          lang,
          ...(items ? { initialItems: items } : {}),
          ...(shapes ? { initialShapes: shapes } : {}),
          onDrawn: () => {
            placeholder.remove();
            opts.onDrawn?.();
            settle();
          },
        });
        state = 'started';
        if (items) real.setItems(items);
        if (shapes) real.setShapes(shapes);
        if (highlighted) real.highlight(...highlighted);
      })
      .catch((err: unknown) => {
        if (state !== 'loading') return;
        state = 'failed';
        console.error(err);
        opts.onUnavailable?.(err);
        settle();
      });
  }
  const onLoad = () => startWhenReady();
  addEventListener('load', onLoad, { once: true });
  // The app lays the map out in a frame after rendering (it then calls resize()).
  requestAnimationFrame(startWhenReady);

  return {
    setItems(features) {
      items = features;
      real?.setItems(features);
    },
    setShapes(features) {
      shapes = features;
      real?.setShapes(features);
    },
    highlight(id, point, fly) {
      highlighted = [id, point, fly];
      real?.highlight(id, point, fly);
    },
    setLang(next) {
      lang = next;
      real?.setLang(next);
      if (real) return;
      const redrawn = renderOutline(next);
      placeholder.replaceWith(redrawn);
      placeholder = redrawn;
    },
    resize() {
      // A route that shows the map (its container was hidden until now) is when it is needed.
      startWhenReady();
      real?.resize();
    },
    destroy() {
      state = 'destroyed';
      removeEventListener('load', onLoad);
      real?.destroy();
      real = null;
    },
  };
}
