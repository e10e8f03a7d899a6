/**
 * Page driver for the integrity lens: the flags filter on the list, the flags and money history in
 * the item panel, the /flags page and a contractor's page. Selectors live here, not in the tests.
 */
import type { AppDeps } from '../../functions/api/env';
import { runFlagJob } from '../../functions/services/flags';
import type { Page } from './browser';
import { startTestHub, type TestHub } from './hub';

export class IntegrityDriver {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** The list filtered by one flag (or `any`), then the first row's item opened in the panel. */
  async openFirstFlagged(flag: string): Promise<string> {
    await this.page.goto(new URL(`/list?flag=${flag}`, this.baseUrl).toString());
    const link = this.page.locator('#items-table tbody tr a[data-item-id]').first();
    await link.waitFor();
    const id = (await link.getAttribute('data-item-id')) ?? '';
    await link.click();
    await this.page.waitForSelector(`[data-item-id="${id}"] [data-section="integrity"] [data-flag]`);
    return id;
  }

  /** The flags in the open panel: code → fact keys shown, and whether the meaning is worded. */
  panelFlags(): Promise<{ code: string; facts: string[]; meaning: boolean }[]> {
    return this.page.$$eval('[data-section="integrity"] [data-flag]', (els) =>
      els.map((el) => ({
        code: el.getAttribute('data-flag') ?? '',
        facts: [...el.querySelectorAll('[data-fact]')].map((d) => d.getAttribute('data-fact') ?? ''),
        meaning: !!el.querySelector('.integrity-meaning')?.textContent,
      })),
    );
  }

  /** The money history steps in the open panel, in order. */
  historySteps(): Promise<string[]> {
    return this.page.$$eval('[data-section="integrity"] [data-step]', (els) =>
      els.map((el) => el.getAttribute('data-step') ?? ''),
    );
  }

  async followContractorLink(): Promise<string> {
    await this.page.click('[data-section="integrity"] a[data-link="contractor"]');
    await this.page.waitForSelector('[data-total="count"]');
    return new URL(this.page.url()).pathname;
  }

  /** /flags through the navigation menu's path, ready when the contractors' ranking is drawn. */
  async openFlagsPage(): Promise<void> {
    await this.page.goto(new URL('/flags', this.baseUrl).toString());
    await this.page.waitForSelector('[data-rank="contractor"] li a');
  }

  ranking(kind: 'contractor' | 'body' | 'items'): Promise<string[]> {
    return this.page.$$eval(`[data-rank="${kind}"] > li`, (els) =>
      els.map((el) => el.getAttribute('data-id') ?? ''),
    );
  }

  async openTopContractor(): Promise<string> {
    await this.page.click('[data-rank="contractor"] li a');
    await this.page.waitForSelector('[data-total="count"]');
    return new URL(this.page.url()).pathname;
  }

  /** The contractor page's totals and the count of its contract rows. */
  contractorPage(): Promise<{ count: string; contracts: number; bodies: number; years: number }> {
    return this.page.evaluate(() => ({
      count: document.querySelector('[data-total="count"]')?.textContent ?? '',
      contracts: document.querySelectorAll('.integrity-contracts > li').length,
      bodies: document.querySelectorAll('[data-table="bodies"] tbody tr').length,
      years: document.querySelectorAll('[data-table="years"] tbody tr').length,
    }));
  }

  /**
   * /flags as an official of a flagged body: ready when the "your body's flagged items" list has
   * mounted its explain buttons (drawn after the API says who is signed in).
   */
  async openOwnFlags(): Promise<void> {
    await this.page.goto(new URL('/flags', this.baseUrl).toString());
    await this.page.waitForSelector('[data-rank="own"] li[data-flag] button[data-explain]');
  }

  /** Explains the first flag of `itemId` in the own list through its form; resolves to the text shown. */
  async explainFlag(itemId: string, code: string, text: string): Promise<string> {
    const flag = this.page.locator(`[data-rank="own"] > li[data-id="${itemId}"] li[data-flag="${code}"]`);
    await flag.locator(`button[data-explain="${code}"]`).click();
    await flag.locator(`form[data-explain-form="${code}"] textarea`).fill(text);
    await flag.locator(`form[data-explain-form="${code}"] button[type="submit"]`).click();
    return this.shownExplanation(flag, text);
  }

  /** Edits explanation `id` through its form; resolves to the text shown after the save. */
  async editExplanation(id: string, text: string): Promise<string> {
    await this.page.click(`button[data-explain-edit="${id}"]`);
    const form = this.page.locator(`form[data-explain-editing="${id}"]`);
    await form.locator('textarea').fill(text);
    await form.locator('button[type="submit"]').click();
    return this.shownExplanation(this.page.locator(`[data-explanation="${id}"]`), text);
  }

  /** Withdraws explanation `id`, accepting the confirmation; resolves once it is gone from the page. */
  async withdrawExplanation(id: string): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await this.page.click(`button[data-explain-withdraw="${id}"]`);
    await this.page.locator(`[data-explanation="${id}"]`).waitFor({ state: 'detached' });
  }

  private async shownExplanation(scope: ReturnType<Page['locator']>, text: string): Promise<string> {
    const quote = scope.locator('q[data-user-content]', { hasText: text });
    await quote.waitFor();
    return (await quote.textContent()) ?? '';
  }

  pageWidth(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth);
  }
}

/**
 * A hub on the demo as after the nightly flag job, its API serving the map feed from the hub's own
 * local feed (which follows the table's stream).
 */
export async function startFlaggedHub(
  opts: { deps?: Partial<Omit<AppDeps, 'feed'>> } = {},
): Promise<{ hub: TestHub; stop(): Promise<void> }> {
  const hub = await startTestHub({ demo: 'flagged', deps: { ...opts.deps } });
  // Without the run's flagged template the flag job runs here. Few parallel writes: the shared
  // DynamoDB Local answers slowly under a loaded machine. The feed then takes in the flags.
  if (hub.demo !== 'flagged') {
    await runFlagJob(hub.store, { concurrency: 2 });
    await hub.feed.refresh();
  }
  return { hub, stop: () => hub.stop() };
}
