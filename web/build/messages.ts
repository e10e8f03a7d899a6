/**
 * UI text catalogues (web/src/locales/{kk,ru,en}.json, ICU MessageFormat) compiled at build time.
 * The browser gets a compact tree per message (plain strings for messages without arguments), read by
 * web/src/messageFormat.ts, so no message parser ships. A bad message or a key missing in a language
 * fails the build (and the catalogue test) with the key's name.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';
import type { CompiledMessage, Part } from '../src/messageFormat';
import {
  FIRST_GROUP,
  groupsForImport,
  groupsNeeded,
  type MessageSplit,
  moduleGraph,
  splitKeys,
} from './messageSplit';

export const CATALOGUE_LANGS = ['kk', 'ru', 'en'] as const;
export const CATALOGUE_DIR = resolve(import.meta.dirname, '../src/locales');
const VIRTUAL_ID = 'virtual:messages';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

export type Catalogue = Record<string, string>;

export function readCatalogue(lang: string, dir = CATALOGUE_DIR): Catalogue {
  return JSON.parse(readFileSync(resolve(dir, `${lang}.json`), 'utf8')) as Catalogue;
}

function compileElements(elements: MessageFormatElement[], key: string): Part[] {
  const parts: Part[] = [];
  for (const el of elements) {
    switch (el.type) {
      case TYPE.literal:
        if (typeof parts.at(-1) === 'string') parts[parts.length - 1] += el.value;
        else parts.push(el.value);
        break;
      case TYPE.argument:
        parts.push({ a: el.value });
        break;
      case TYPE.number:
        parts.push({ n: el.value });
        break;
      case TYPE.pound:
        parts.push({ h: 1 });
        break;
      case TYPE.select:
        parts.push({ s: el.value, c: compileOptions(el.options, key) });
        break;
      case TYPE.plural:
        parts.push({
          p: el.value,
          c: compileOptions(el.options, key),
          ...(el.offset ? { o: el.offset } : {}),
          ...(el.pluralType === 'ordinal' ? { r: 1 as const } : {}),
        });
        break;
      default:
        // Dates and times are formatted in code (Asia/Almaty), not in catalogues.
        throw new Error(`message "${key}": argument type ${TYPE[el.type]} is not supported here`);
    }
  }
  return parts;
}

function compileOptions(options: Record<string, { value: MessageFormatElement[] }>, key: string) {
  const out: Record<string, Part[]> = {};
  for (const [name, option] of Object.entries(options)) out[name] = compileElements(option.value, key);
  return out;
}

/** One ICU message to its compact runtime form; throws, naming the key, when the message is bad. */
export function compileMessage(key: string, message: string): CompiledMessage {
  let ast: MessageFormatElement[];
  try {
    ast = parse(message, { requiresOtherClause: true, ignoreTag: true });
  } catch (e) {
    throw new Error(`message "${key}" is not valid ICU MessageFormat: ${(e as Error).message}`);
  }
  const parts = compileElements(ast, key);
  if (parts.length === 0) return '';
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  return parts;
}

/** Names of the arguments a message uses (for the check that every language uses the same ones). */
export function argumentNames(message: string): string[] {
  const names = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.literal || el.type === TYPE.pound || el.type === TYPE.tag) continue;
      names.add(el.value);
      if (el.type === TYPE.select || el.type === TYPE.plural)
        for (const o of Object.values(el.options)) walk(o.value);
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return [...names].sort();
}

/** Every catalogue compiled; throws on a key missing in a language or a bad message. */
export function compileCatalogues(dir = CATALOGUE_DIR): Record<string, Record<string, CompiledMessage>> {
  const catalogues = Object.fromEntries(CATALOGUE_LANGS.map((lang) => [lang, readCatalogue(lang, dir)]));
  const allKeys = new Set(Object.values(catalogues).flatMap((c) => Object.keys(c)));
  const out: Record<string, Record<string, CompiledMessage>> = {};
  for (const lang of CATALOGUE_LANGS) {
    const catalogue = catalogues[lang]!;
    const missing = [...allKeys].filter((k) => !(k in catalogue));
    if (missing.length) throw new Error(`${lang}.json lacks ${missing.join(', ')}`);
    out[lang] = Object.fromEntries(Object.entries(catalogue).map(([k, m]) => [k, compileMessage(k, m)]));
  }
  return out;
}

/**
 * Vite (and vitest) plugin. `virtual:messages` gives the map route's messages in Kazakh (the default
 * language) at once, and a loader per language and group (`virtual:messages/<group>.<lang>`, chunks
 * of their own; the `@map` group is the up-front messages of ru and en): see ./messageSplit.ts for
 * which keys are up front. Every `import('…')` in web/src is wrapped in `withMessages` (web/src/i18n.ts)
 * with the groups the modules it loads name, so a page's messages arrive with its code. `eager` (unit
 * tests) puts every message of every language in the first module and wraps nothing, so a test can
 * switch language synchronously.
 */
export function messagesPlugin(dir = CATALOGUE_DIR, opts: { eager?: boolean } = {}): Plugin {
  const webSrc = resolve(import.meta.dirname, '../src');
  const i18nModule = resolve(webSrc, 'i18n.ts');
  let plan: Promise<MessagePlan> | undefined;
  const planned = () => {
    plan ??= planMessages(resolve(webSrc, 'main.ts'), webSrc, dir);
    return plan;
  };
  return {
    name: 'obm-messages',
    buildStart() {
      plan = undefined;
    },
    watchChange() {
      plan = undefined;
    },
    resolveId(id) {
      return id === VIRTUAL_ID || id.startsWith(`${VIRTUAL_ID}/`) ? `\0${id}` : undefined;
    },
    async load(id) {
      if (!id.startsWith(RESOLVED_ID)) return undefined;
      for (const lang of CATALOGUE_LANGS) this.addWatchFile(resolve(dir, `${lang}.json`));
      const all = compileCatalogues(dir);
      if (opts.eager) return `export default ${JSON.stringify(all)};\nexport const loaders = {};`;
      const { split } = await planned();
      const pick = (lang: string, keys: Iterable<string>) =>
        Object.fromEntries([...keys].map((k) => [k, all[lang]![k]]));
      if (id !== RESOLVED_ID) {
        const [group, lang] = splitChunkName(id.slice(RESOLVED_ID.length + 1));
        const keys = group === FIRST_GROUP ? split.upFront : split.groups.get(group);
        if (!keys || !all[lang]) throw new Error(`no messages ${group} in ${lang}`);
        return `export default ${JSON.stringify(pick(lang, keys))};`;
      }
      const [first] = CATALOGUE_LANGS;
      const loaders = CATALOGUE_LANGS.map((lang) => {
        const groups = [...(lang === first ? [] : [FIRST_GROUP]), ...split.groups.keys()];
        const entries = groups.map(
          (g) => `${JSON.stringify(g)}: () => import('${VIRTUAL_ID}/${g}.${lang}').then((m) => m.default)`,
        );
        return `${lang}: { ${entries.join(', ')} }`;
      });
      return `export default ${JSON.stringify({ [first]: pick(first, split.upFront) })};\nexport const loaders = { ${loaders.join(',\n')} };`;
    },
    async transform(code, id) {
      if (opts.eager || !id.startsWith(webSrc) || !code.includes('import(')) return undefined;
      const { importGroups } = await planned();
      let wrapped = false;
      const out = code.replace(/\bimport\(\s*(['"])([^'"]+)\1\s*\)/g, (call, _q, specifier: string) => {
        const groups = importGroups(id, specifier);
        if (!groups?.length) return call;
        wrapped = true;
        return `__withMessages(${call}, ${JSON.stringify(groups)})`;
      });
      if (!wrapped) return undefined;
      // On the first line, so the module's own lines keep their numbers.
      return {
        code: `import { withMessages as __withMessages } from ${JSON.stringify(i18nModule)};${out}`,
        map: null,
      };
    },
  };
}

interface MessagePlan {
  split: MessageSplit;
  /** The groups `import(specifier)` in module `from` must bring along (undefined: not an app module). */
  importGroups(from: string, specifier: string): string[] | undefined;
}

async function planMessages(entry: string, webSrc: string, dir: string): Promise<MessagePlan> {
  const graph = await moduleGraph(entry);
  const keys = Object.keys(readCatalogue(CATALOGUE_LANGS[0], dir));
  const source = (m: string) => (m.startsWith(webSrc) && /\.tsx?$/.test(m) ? readFileSync(m, 'utf8') : '');
  const split = splitKeys(keys, [...graph.upFront].map(source));
  const needs = new Map<string, string[]>();
  const needsOf = (m: string) => {
    if (!needs.has(m)) needs.set(m, groupsNeeded(source(m), keys, split));
    return needs.get(m)!;
  };
  return {
    split,
    importGroups(from, specifier) {
      const target = graph.dynamicImports.get(from)?.get(specifier);
      return target ? groupsForImport(target, graph, needsOf) : undefined;
    },
  };
}

/** `sessions.ru` → ['sessions', 'ru']. */
function splitChunkName(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}
