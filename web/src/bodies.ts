/**
 * The government bodies' names, for every feature that names a body (questions, sessions), as a
 * signal: a component that reads a name while rendering re-renders when the names arrive, and shows
 * them in the language chosen at that moment. Fetched once per page load.
 */
import { signal } from '@preact/signals';
import { type Localized, pickText } from '../../shared/i18n-text';
import { api } from './api';
import { getLang } from './i18n';

type BodyRow = { id: string; name: Localized };

const names = signal<ReadonlyMap<string, Localized>>(new Map());
let request: Promise<void> | null = null;

/** Fetches the names once; resolves when they are known (a failed fetch is tried again next time). */
export function loadBodyNames(): Promise<void> {
  request ??= api<BodyRow[] | { bodies: BodyRow[] }>('/api/bodies').then(
    (res) => {
      names.value = new Map((Array.isArray(res) ? res : res.bodies).map((b) => [b.id, b.name]));
    },
    () => {
      request = null;
    },
  );
  return request;
}

/** Every body's id, in the order the API lists them (for the "body" pickers). */
export function bodyIds(): string[] {
  return [...names.value.keys()];
}

/** A body's name in the current language (its id while unknown). */
export function bodyName(id: string | undefined): string {
  if (!id) return '';
  return pickText(names.value.get(id), getLang()) || id;
}
