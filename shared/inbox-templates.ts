/**
 * Answer templates' languages and placeholders (shared/inbox.ts has the desk's schemas). Kept free
 * of zod on purpose: the official's answer form fills templates in the browser, which then never
 * depends on tree-shaking dropping the schema module's zod (test/e2e/bundle.test.ts).
 */

/** The languages a body answers in (Law on Languages art. 11): the state language and Russian. */
export const TEMPLATE_LANGS = ['kk', 'ru'] as const;
export type TemplateLang = (typeof TEMPLATE_LANGS)[number];

/**
 * What a template may say in curly braces, filled from the question being answered. Anything else
 * in braces is left as typed, so an official sees at once what was not filled.
 */
export const TEMPLATE_PLACEHOLDERS = ['asker', 'item', 'body', 'receivedOn', 'dueOn', 'official'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** Fills `{asker}`, `{item}`… from `values`; unknown or unfilled placeholders stay as they are. */
export function fillTemplate(text: string, values: Partial<Record<TemplatePlaceholder, string>>): string {
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => {
    const value = (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)
      ? values[name as TemplatePlaceholder]
      : undefined;
    return value ?? whole;
  });
}
