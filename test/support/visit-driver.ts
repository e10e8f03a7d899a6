/**
 * A page driver for the item panel's Visits section: what a visitor does on a phone (mark points,
 * attach a photo, choose a verdict and a stance, send) and what the page shows back, in words a
 * test reads. Locators follow the English catalogue.
 */
import type { Page } from 'playwright-core';

export class VisitDriver {
  constructor(readonly page: Page) {}

  form() {
    return this.page.getByRole('form', { name: 'Record a site visit' });
  }

  async open(baseUrl: string, itemId: string) {
    await this.page.goto(`${baseUrl}/items/${itemId}`);
    await this.form().waitFor({ timeout: 30_000 });
  }

  async mark(point: string, result: 'OK' | 'Problem' | 'Cannot tell') {
    await this.form().getByLabel(point, { exact: true }).selectOption({ label: result });
  }

  async attachPhoto(point: string, photo: Buffer, name = 'site.jpg') {
    await this.form()
      .getByLabel(`Photos: ${point}`)
      .setInputFiles({ name, mimeType: 'image/jpeg', buffer: photo });
  }

  /** Agrees to the use of positions in the form (issue 20), unless the visitor agreed before. */
  async allowPositions() {
    // The form offers the box only once it knows whether this visitor agreed before.
    await this.form().locator('.v-consent:not([data-consent-state="checking"])').waitFor({ timeout: 15_000 });
    const box = this.form().getByLabel('Use my phone position and the location of my photos');
    if (await box.isVisible()) await box.check();
  }

  async waitForPosition() {
    await this.form().locator('.v-where', { hasText: 'Phone position read' }).waitFor({ timeout: 20_000 });
  }

  async verdict(label: string) {
    await this.form().getByLabel('Overall verdict').selectOption({ label });
  }

  async stance(label: string) {
    await this.form().getByLabel('A milestone marked met').selectOption({ label });
  }

  async send() {
    await this.form().getByRole('button', { name: 'Send the visit' }).click();
  }

  status() {
    return this.form().locator('.v-status').textContent();
  }

  summary() {
    return this.page.locator('.v-summary-box').textContent();
  }

  pending() {
    return this.page.locator('.v-pending-box').textContent();
  }

  presenceTexts() {
    return this.page.locator('.v-card .v-presence').allTextContents();
  }

  /** The visits' photos as shown: each one's label (its image's alt) and whether it has its own "Flag". */
  photos() {
    return this.page.locator('.v-card .v-photos li').evaluateAll((lis) =>
      lis.map((li) => ({
        label: li.querySelector('img')?.alt ?? li.querySelector('a')?.textContent ?? '',
        flag: li.querySelector('[data-report="visit_photo"] button') !== null,
      })),
    );
  }
}
