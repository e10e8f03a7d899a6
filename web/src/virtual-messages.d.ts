/** The catalogues compiled at build time by web/build/messages.ts. */
declare module 'virtual:messages' {
  import type { CompiledMessage } from './messageFormat';

  const messages: Record<'kk' | 'ru' | 'en', Record<string, CompiledMessage>>;
  export default messages;
}
