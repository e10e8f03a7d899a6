/**
 * Open311 API keys (issue 22, item 6): an admin issues one per named client, sees it in full once,
 * lists the keys by their prefix and revokes them. Shared by the API (validation) and the web
 * admin screen (types only; the web bundle takes no zod from here at run time).
 *
 * A key reads `o311_<id>_<secret>`: `id` (12 lower-case letters and digits) names the record and is
 * not secret, so `o311_<id>` is the prefix an admin sees; `secret` is 64 hex digits (256 random bits).
 */
import type { Flat } from './types';

export const OPEN311_KEY_PREFIX = 'o311_';
/** A raw key as a client sends it; anything else is refused before any lookup. */
export const OPEN311_KEY_PATTERN = /^o311_([a-z0-9]{12})_([0-9a-f]{64})$/;

export type Open311KeyView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt?: string | undefined;
  revokedAt?: string | undefined;
};

/** The answer to a create: the key in full, this once (a replay of the create answers without it). */
export type Open311KeyCreated = Flat<Open311KeyView & { key?: string | undefined }>;
