/**
 * Open311 API keys (issue 22, item 6): an admin issues one per named client, sees it in full once,
 * lists the keys by their prefix and revokes them. Shared by the API (validation) and the web
 * admin screen (types only; the web bundle takes no zod from here at run time).
 *
 * A key reads `o311_<id>_<secret>`: `id` (12 lower-case letters and digits) names the record and is
 * not secret, so `o311_<id>` is the prefix an admin sees; `secret` is 64 hex digits (256 random bits).
 */
import { z } from 'zod';

export const OPEN311_KEY_PREFIX = 'o311_';
export const Open311KeyId = z.string().regex(/^[a-z0-9]{12}$/, '12 lower-case letters or digits');
/** A raw key as a client sends it; anything else is refused before any lookup. */
export const OPEN311_KEY_PATTERN = /^o311_([a-z0-9]{12})_([0-9a-f]{64})$/;

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

/** The answer to a create: the key in full, this once (a replay of the create answers without it). */
export const Open311KeyCreated = Open311KeyView.extend({
  key: z.string().optional().describe('The whole key; shown only in the first answer, never stored'),
});
export type Open311KeyCreated = z.infer<typeof Open311KeyCreated>;
