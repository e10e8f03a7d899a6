/**
 * Which UI messages the map route loads up front and which come later, with the code that shows them.
 *
 * The up-front messages are those named by the modules the entry imports statically (the map route's
 * code: shell, browse screen, item panel, header widgets, each feature's `index.ts`). Every other key
 * goes to a group named after its top-level prefix (`sessions`, `questions`, `problem`…), compiled
 * into a chunk of its own per language. Every `import('…')` in web/src resolves only once the groups
 * named by the modules it loads are loaded too, fetched beside the code (web/build/messages.ts wraps
 * it in `withMessages` from web/src/i18n.ts), so a lazily loaded page has its messages when it
 * renders, whichever language is chosen. (A lazily loaded module must not call `t` while it is being
 * evaluated, only when it renders: no page does, as the text must follow a language switch anyway.)
 *
 * A module "names" a key by a string literal: the key itself ('thread.count'), a prefix ending in a
 * dot or followed by `${` (`exec.${state}`, 'problem.'), or a sub-tree ('privacy.purpose', to which
 * code appends `.${id}`). Keys built any other way are not seen: name them by one of these forms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build, type Plugin as EsbuildPlugin } from 'esbuild';

// The up-front group's name ('@map'): never a key prefix, keys start with a letter.
export { FIRST_GROUP } from '../src/messageStore';

/** A string literal that may name a key: its text, and whether code appends to it (`${` follows). */
const LITERAL = /(['"`])([A-Za-z][\w-]*(?:\.[\w-]+)*\.?)(?=\1|\$\{)(\1|\$\{)/g;

export interface KeyNames {
  /** Keys named by the source (exactly, by prefix or by sub-tree). */
  keys: Set<string>;
  /** First segments of dotted literals that matched no key (code composing a key some other way). */
  loose: Set<string>;
}

/** The catalogue keys a module's source names (see the file comment for the forms). */
export function keysNamedIn(source: string, allKeys: readonly string[]): KeyNames {
  const keySet = new Set(allKeys);
  const keys = new Set<string>();
  const loose = new Set<string>();
  for (const m of source.matchAll(LITERAL)) {
    const text = m[2]!;
    const appended = m[3] === '${';
    if (!text.includes('.')) continue;
    let matched = false;
    if (!appended && keySet.has(text)) {
      keys.add(text);
      matched = true;
    }
    const prefix = appended || text.endsWith('.') ? text : `${text}.`;
    for (const k of allKeys)
      if (k.startsWith(prefix)) {
        keys.add(k);
        matched = true;
      }
    if (!matched) loose.add(text.slice(0, text.indexOf('.')));
  }
  return { keys, loose };
}

/** The group a key belongs to when it is not up front: its top-level prefix. */
export function groupOf(key: string): string {
  const dot = key.indexOf('.');
  return dot > 0 ? key.slice(0, dot) : key;
}

export interface MessageSplit {
  /** Keys the map route shows, loaded with its first chunk. */
  upFront: Set<string>;
  /** Every other key by group (top-level prefix). */
  groups: Map<string, string[]>;
}

/** Splits the keys: those named by the up-front modules' sources, then the rest by group. */
export function splitKeys(allKeys: readonly string[], upFrontSources: readonly string[]): MessageSplit {
  const upFront = new Set<string>();
  for (const source of upFrontSources) for (const k of keysNamedIn(source, allKeys).keys) upFront.add(k);
  const groups = new Map<string, string[]>();
  for (const k of allKeys) {
    if (upFront.has(k)) continue;
    const g = groupOf(k);
    groups.set(g, [...(groups.get(g) ?? []), k]);
  }
  return { upFront, groups };
}

/** The groups a lazily loaded module must await: those holding keys it names that are not up front. */
export function groupsNeeded(source: string, allKeys: readonly string[], split: MessageSplit): string[] {
  const { keys, loose } = keysNamedIn(source, allKeys);
  const needed = new Set<string>();
  for (const k of keys) if (!split.upFront.has(k)) needed.add(groupOf(k));
  for (const g of loose) if (split.groups.has(g)) needed.add(g);
  return [...needed].sort();
}

export interface ModuleGraph {
  /** The modules the entry imports statically (transitively): what runs before anything is clicked. */
  upFront: Set<string>;
  /** Per module, the modules it imports statically. */
  imports: Map<string, string[]>;
  /** Per module, its `import('…')` specifiers and the module each one loads. */
  dynamicImports: Map<string, Map<string, string>>;
}

/**
 * The app's module graph from its entry (absolute paths). esbuild resolves it as the bundler does
 * (type-only imports dropped); `import.meta.glob(…, { eager: true })` counts as static imports of the
 * files it matches.
 */
export async function moduleGraph(entry: string): Promise<ModuleGraph> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    splitting: true,
    outdir: resolve(dirname(entry), '.message-split'),
    packages: 'external',
    logLevel: 'silent',
    loader: { '.css': 'empty', '.svg': 'empty', '.png': 'empty', '.json': 'json' },
    external: ['virtual:*', '*?url', '*?raw', '*?worker'],
    plugins: [eagerGlob],
  });
  const cwd = process.cwd();
  const abs = (p: string) => resolve(cwd, p);
  const imports = new Map<string, string[]>();
  const dynamicImports = new Map<string, Map<string, string>>();
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    const local = input.imports.filter((i) => !i.external);
    imports.set(
      abs(path),
      local.filter((i) => i.kind === 'import-statement' || i.kind === 'require-call').map((i) => abs(i.path)),
    );
    dynamicImports.set(
      abs(path),
      new Map(
        local.filter((i) => i.kind === 'dynamic-import' && i.original).map((i) => [i.original!, abs(i.path)]),
      ),
    );
  }
  return { upFront: staticClosure(resolve(entry), imports), imports, dynamicImports };
}

/** A module and everything it imports statically, transitively. */
export function staticClosure(start: string, imports: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path) || !imports.has(path)) return;
    seen.add(path);
    for (const i of imports.get(path)!) visit(i);
  };
  visit(start);
  return seen;
}

/**
 * The groups an `import()` of `target` must bring along: those named by the modules it loads (its
 * static closure) that did not come up front.
 */
export function groupsForImport(
  target: string,
  graph: ModuleGraph,
  needsOf: (module: string) => readonly string[],
): string[] {
  const groups = new Set<string>();
  for (const m of staticClosure(target, graph.imports))
    if (!graph.upFront.has(m)) for (const g of needsOf(m)) groups.add(g);
  return [...groups].sort();
}

/** `import.meta.glob('./*\/index.ts', { eager: true })` → static imports of the files it matches. */
const eagerGlob: EsbuildPlugin = {
  name: 'eager-glob',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.glob')) return undefined;
      const contents = source.replace(
        /import\.meta\.glob\(\s*(['"])([^'"]+)\1\s*,\s*\{[^}]*eager:\s*true[^}]*\}\s*\)\s*;?/g,
        (_, _q, pattern: string) =>
          globFiles(dirname(args.path), pattern)
            .map((f) => `import ${JSON.stringify(f)};`)
            .join('\n'),
      );
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/** Relative glob with `*` inside path segments (what the app's globs use). */
function globFiles(dir: string, pattern: string): string[] {
  const segments = pattern.split('/');
  let paths = [segments[0] === '.' || segments[0] === '..' ? segments.shift()! : '.'];
  for (const [i, seg] of segments.entries()) {
    const last = i === segments.length - 1;
    const re = new RegExp(`^${seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    paths = paths.flatMap((p) => {
      try {
        return readdirSync(join(dir, p), { withFileTypes: true })
          .filter((e) => re.test(e.name) && (last ? e.isFile() : e.isDirectory()))
          .map((e) => `${p}/${e.name}`);
      } catch {
        return [];
      }
    });
  }
  return paths.sort();
}
