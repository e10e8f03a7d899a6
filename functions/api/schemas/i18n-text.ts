/** The zod schemas of shared/i18n-text.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';

/** Text in kk/ru/en where at least one language is present. */
export function localizedText(max: number) {
  const part = zodSchema.string().trim().min(1).max(max);
  return zodSchema
    .object({ kk: part.optional(), ru: part.optional(), en: part.optional() })
    .strict()
    .refine((t) => Boolean(t.kk || t.ru || t.en), { message: 'at least one of kk, ru, en is required' });
}

export * from '../../../shared/i18n-text';
