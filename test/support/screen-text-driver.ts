/**
 * A driver for reading a screen as its reader does: open a page in a language, signed in as someone or
 * not, wait until it has drawn, switch its language as the reader would, and collect every word of the
 * interface the reader sees or hears (text, accessible names, placeholders, titles, the document title).
 * Left out: content people wrote or a source supplied (marked `data-user-content`), codes that are
 * never translated (`translate="no"`: identifiers, hashes) and text that declares another language
 * (`lang`, e.g. the switcher's "English").
 */
import { type Browser, followRequests, type Page } from './browser';

export type Lang = 'kk' | 'ru' | 'en';

/** A Latin-script word and where it stood (`tag.class` of its element), for a readable failure. */
export interface LatinWord {
  word: string;
  where: string;
}

export class ScreenTextDriver {
  private page?: Page;
  private requests?: ReturnType<typeof followRequests>;

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
  ) {}

  /** Opens `path` in `lang` with `token` (if any) and waits for `ready` (a CSS selector) to appear. */
  async open(path: string, lang: Lang, opts: { token?: string; ready: string }): Promise<void> {
    await this.close();
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(
      ([l, t]) => {
        localStorage.setItem('obm.lang', l as string);
        if (t) localStorage.setItem('obm.idToken', t);
      },
      [lang, opts.token ?? ''],
    );
    this.page = await context.newPage();
    this.requests = followRequests(this.page);
    await this.page.goto(new URL(path, this.baseUrl).toString());
    await this.page.waitForSelector(opts.ready, { timeout: 90_000, state: 'attached' });
    await this.settle();
  }

  /** Switches the language with the header's buttons (also on print views, where the header is hidden). */
  async switchTo(lang: Lang): Promise<void> {
    const page = this.opened();
    await page.evaluate(
      (l) => document.querySelector<HTMLButtonElement>(`button[data-lang="${l}"]`)?.click(),
      lang,
    );
    await page.waitForSelector(`html[lang="${lang}"]`, { timeout: 30_000 });
    await this.settle();
  }

  /** Every Latin-script word of the interface on the open page, outside what is left out (above). */
  async latinWords(): Promise<LatinWord[]> {
    return this.opened().evaluate(() => {
      const found: { word: string; where: string }[] = [];
      const pageLang = document.documentElement.lang;
      const skipped = (el: Element | null) =>
        !!el?.closest(
          `[data-user-content], [translate="no"], [lang]:not([lang="${pageLang}"]), script, style, noscript, svg, canvas, code`,
        );
      const whereOf = (el: Element | null) =>
        el
          ? `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`
          : 'document';
      const take = (text: string | null | undefined, el: Element | null) => {
        for (const word of text?.match(/[A-Za-z][A-Za-z0-9'’.-]*[A-Za-z0-9]/g) ?? [])
          if (/[A-Za-z]{2}/.test(word)) found.push({ word, where: whereOf(el) });
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        if (!skipped(n.parentElement)) take(n.nodeValue, n.parentElement);
      for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')) {
        if (skipped(el)) continue;
        for (const a of ['aria-label', 'placeholder', 'title', 'alt']) take(el.getAttribute(a), el);
      }
      take(document.title, null);
      return found;
    });
  }

  async close(): Promise<void> {
    await this.page?.context().close();
    this.page = undefined;
    this.requests = undefined;
  }

  private opened(): Page {
    if (!this.page) throw new Error('open a page first');
    return this.page;
  }

  // Pages fill in parts after their first draw (counts, dates, badges): wait until what they asked
  // for has come and been drawn (browser.ts), not for a fixed half second of silence each time.
  private async settle(): Promise<void> {
    await this.requests?.settled({ timeout: 30_000 }).catch(() => undefined);
  }
}
