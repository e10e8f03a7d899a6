/** The zod schemas of shared/open311-keys.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z } from 'zod';
import type * as Shared from '../../../shared/open311-keys';
import type { Equal, Expect } from './assert-equal';

export const Open311KeyId = z.string().regex(/^[a-z0-9]{12}$/, '12 lower-case letters or digits');

export const Open311KeyCreate = z
  .object({
    name: z.string().trim().min(2).max(100).describe('Who the key is for (a client or organisation)'),
  })
  .strict();

export const Open311KeyView = z.object({
  id: Open311KeyId,
  name: z.string(),
  /** `o311_<id>`: enough to tell keys apart, useless to call with. */
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().optional(),
  revokedAt: z.iso.datetime().optional(),
});
export type Open311KeyView = z.infer<typeof Open311KeyView>;
type _Open311KeyViewAgrees = Expect<Equal<Open311KeyView, Shared.Open311KeyView>>;

/** The answer to a create: the key in full, this once (a replay of the create answers without it). */
export const Open311KeyCreated = Open311KeyView.extend({
  key: z.string().optional().describe('The whole key; shown only in the first answer, never stored'),
});
export type Open311KeyCreated = z.infer<typeof Open311KeyCreated>;
type _Open311KeyCreatedAgrees = Expect<Equal<Open311KeyCreated, Shared.Open311KeyCreated>>;

export * from '../../../shared/open311-keys';
