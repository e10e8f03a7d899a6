/** The catalogues compiled at build time by web/build/messages.ts. */
declare module 'virtual:messages' {
  import type { Catalogue, CatalogueLoader } from './messageStore';

  /** The map route's messages in the default language (kk); every message of every language in unit tests. */
  const messages: Partial<Record<'kk' | 'ru' | 'en', Catalogue>>;
  export default messages;
  /** Per language, a loader per group of messages (chunks of their own in the built app; none in unit tests). */
  export const loaders: Partial<Record<'kk' | 'ru' | 'en', Record<string, CatalogueLoader>>>;
}
