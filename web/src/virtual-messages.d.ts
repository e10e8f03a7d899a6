/** The catalogues compiled at build time by web/build/messages.ts. */
declare module 'virtual:messages' {
  import type { CompiledMessage } from './messageFormat';

  type Catalogue = Record<string, CompiledMessage>;
  /** The default language's catalogue always; every language's in unit tests. */
  const messages: Partial<Record<'kk' | 'ru' | 'en', Catalogue>> & { kk: Catalogue };
  export default messages;
  /** Loads another language's catalogue (a chunk of its own in the built app). */
  export const loaders: Record<'ru' | 'en', () => Promise<Catalogue>>;
}
