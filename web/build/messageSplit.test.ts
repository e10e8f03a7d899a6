import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  groupsForImport,
  groupsNeeded,
  keysNamedIn,
  type MessageSplit,
  type ModuleGraph,
  moduleGraph,
  splitKeys,
} from './messageSplit';
import { readCatalogue } from './messages';

const KEYS = [
  'exec.planned',
  'exec.done',
  'privacy.purpose.account',
  'privacy.title',
  'thread.count',
  'thread.x',
];

describe('keys a module names', () => {
  it('finds keys named whole, by a prefix code appends to, and by a sub-tree', () => {
    const source = [
      "t('thread.count', { n })",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: module source under test, not a template
      't(`exec.${state}`)',
      "list('privacy.purpose', PURPOSES)",
      "const id = 'thread'; // no dot: an id, not a key",
    ].join('\n');
    expect([...keysNamedIn(source, KEYS).keys].sort()).toEqual([
      'exec.done',
      'exec.planned',
      'privacy.purpose.account',
      'thread.count',
    ]);
  });

  it('sends a lazily loaded module for the groups of the keys it names that are not up front', () => {
    const split = splitKeys(KEYS, ["t('thread.count')"]);
    expect(split.groups.get('thread')).toEqual(['thread.x']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: module source under test, not a template
    expect(groupsNeeded("t('thread.count'); t(`exec.${s}`)", KEYS, split)).toEqual(['exec']);
    // A dotted literal that matches no key still brings its group: the code may compose the rest.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: module source under test, not a template
    expect(groupsNeeded('t(prefix + `privacy.${a}.${b}`.slice(0))', KEYS, split)).toEqual(['privacy']);
  });
});

describe("the app's split", () => {
  const webSrc = resolve(import.meta.dirname, '../src');
  const keys = Object.keys(readCatalogue('kk'));
  let graph: ModuleGraph;
  let split: MessageSplit;
  const source = (m: string) => (m.startsWith(webSrc) && /\.tsx?$/.test(m) ? readFileSync(m, 'utf8') : '');
  beforeAll(async () => {
    graph = await moduleGraph(resolve(webSrc, 'main.ts'));
    split = splitKeys(keys, [...graph.upFront].map(source));
  });

  it('puts what the map route shows up front and the other pages’ messages in their groups', () => {
    expect(graph.upFront.has(resolve(webSrc, 'app.tsx'))).toBe(true);
    expect(graph.upFront.has(resolve(webSrc, 'sessions/sessionPage.tsx'))).toBe(false);
    for (const k of ['app.title', 'nav.home', 'map.label', 'filters.heading', 'sessions.nav', 'exec.late'])
      expect(split.upFront, k).toContain(k);
    expect(split.upFront.has('sessions.entry.question')).toBe(false);
    // Problem texts travel with the pages that send requests, not with the map route.
    expect([...split.upFront].filter((k) => k.startsWith('problem.'))).toEqual([]);
  });

  it('places every key exactly once', () => {
    const placed = [...split.upFront, ...[...split.groups.values()].flat()];
    expect(placed.sort()).toEqual([...keys].sort());
  });

  it('brings the session page its own messages and the problem texts with its code', () => {
    const needs = (m: string) => groupsNeeded(source(m), keys, split);
    const groups = groupsForImport(resolve(webSrc, 'sessions/sessionPage.tsx'), graph, needs);
    expect(groups).toEqual(expect.arrayContaining(['sessions', 'problem']));
    expect(groups).not.toContain('questions');
  });
});
