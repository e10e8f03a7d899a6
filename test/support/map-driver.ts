/**
 * A driver for the map app that speaks the product's language (open the map, filter by area, open
 * an item, switch to the list, change language), so the browser specs read as given/when/then.
 * Reads the map through `window.__obmMap`, which the app sets only when opened with `?testhooks`.
 */
import type { Page } from './browser';

export interface RenderedFeatures {
  clusters: number;
  pins: string[];
}

type MapHandle = {
  queryRenderedFeatures(opts: {
    layers: string[];
  }): { properties: Record<string, unknown>; geometry: { coordinates: [number, number] } }[];
  project(p: [number, number]): { x: number; y: number };
  jumpTo(o: { center: [number, number]; zoom: number }): void;
  once(event: string, cb: () => void): void;
  loaded(): boolean;
  areTilesLoaded(): boolean;
};

export class MapDriver {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** Opens `path` with the test hooks on and waits until the items are drawn. */
  async open(path = '/'): Promise<void> {
    const url = new URL(path, this.baseUrl);
    url.searchParams.set('testhooks', '1');
    await this.page.goto(url.toString());
    await this.waitForItemsDrawn();
  }

  async waitForItemsDrawn(): Promise<void> {
    await this.page.waitForSelector('#map[data-items-idle-ms]', { timeout: 90_000 });
  }

  /** Waits for the map to settle after a camera or data change. */
  async settle(): Promise<void> {
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = (window as unknown as { __obmMap: MapHandle }).__obmMap;
          map.once('idle', () => resolve());
          // An idle map fires no further idle: nudge a repaint so `idle` comes once more.
          (map as unknown as { triggerRepaint(): void }).triggerRepaint();
        }),
    );
  }

  async rendered(): Promise<RenderedFeatures> {
    return this.page.evaluate(() => {
      const map = (window as unknown as { __obmMap: MapHandle }).__obmMap;
      const clusters = map.queryRenderedFeatures({ layers: ['item-clusters'] }).length;
      const pins = map.queryRenderedFeatures({ layers: ['item-pins'] }).map((f) => String(f.properties.id));
      return { clusters, pins };
    });
  }

  /** Ids of the pins drawn with the red overdue ring. */
  async overdueRings(): Promise<string[]> {
    return this.page.evaluate(() => {
      const map = (window as unknown as { __obmMap: MapHandle }).__obmMap;
      return map.queryRenderedFeatures({ layers: ['item-overdue'] }).map((f) => String(f.properties.id));
    });
  }

  /** Zooms to a street-level view around `center`, where no pin is clustered. */
  async zoomTo(center: [number, number], zoom = 14): Promise<void> {
    await this.page.evaluate(
      ({ center, zoom }) => {
        (window as unknown as { __obmMap: MapHandle }).__obmMap.jumpTo({ center, zoom });
      },
      { center, zoom },
    );
    await this.settle();
  }

  /** Clicks the drawn pin of `id` where it is on screen. */
  async clickPin(id: string): Promise<void> {
    const point = await this.page.evaluate((id) => {
      const map = (window as unknown as { __obmMap: MapHandle }).__obmMap;
      const pin = map.queryRenderedFeatures({ layers: ['item-pins'] }).find((f) => f.properties.id === id);
      if (!pin) return null;
      const canvas = document.querySelector('#map canvas')!.getBoundingClientRect();
      const p = map.project(pin.geometry.coordinates);
      return { x: canvas.left + p.x, y: canvas.top + p.y };
    }, id);
    if (!point) throw new Error(`pin ${id} is not drawn`);
    await this.page.mouse.click(point.x, point.y);
  }

  async filterByArea(code: string): Promise<void> {
    await this.page.selectOption('#f-area', code);
  }

  async switchToList(): Promise<void> {
    await this.page.click('.view-toggle button[data-view="list"]');
    await this.page.waitForSelector('#items-table tbody tr');
  }

  async setLanguage(lang: 'kk' | 'ru' | 'en'): Promise<void> {
    await this.page.click(`.langs button[data-lang="${lang}"]`);
    await this.page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }

  /** The id and title shown in the item panel, once loaded. */
  async openedItem(): Promise<{ id: string; title: string }> {
    await this.page.waitForSelector('#item-panel[data-item-id]');
    return this.page.evaluate(() => ({
      id: document.querySelector<HTMLElement>('#item-panel')!.dataset.itemId!,
      title: document.querySelector('#panel-title')!.textContent ?? '',
    }));
  }

  async shownSummary(): Promise<string> {
    return (await this.page.textContent('#shown-summary')) ?? '';
  }

  path(): string {
    const url = new URL(this.page.url());
    return url.pathname + url.search;
  }
}
