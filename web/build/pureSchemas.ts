/**
 * Names whose calls the bundler may drop when their result is unused: zod's `z` and every schema
 * (or schema-making helper) declared at the top level of a `shared/` module that imports zod.
 *
 * Why: `shared/` modules build their zod schemas at load time, next to pure rules the web app uses
 * (`pickText`, `isAgendaEditable`…). The browser never validates with zod, but a bundler must keep
 * a top-level call it cannot prove pure — and with it all of zod (26 KB gzipped) and zod's
 * `Function('')` probe, which the CSP reports as an `eval` on every page. Declaring these calls
 * pure lets tree-shaking drop them; `web/build/bundle.test.ts` fails if zod or eval comes back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DECLARATION = /^(?:export )?(?:const|function) (\w+)/;

export function pureSchemaNames(sharedDir: string): string[] {
  // shared/ imports zod as `zodSchema`: a name no minified dependency uses (a bare `z` matched a minified
  // function in Preact, whose render call was then dropped as pure and the sign-in page stayed blank).
  const names = new Set(['zodSchema']);
  for (const file of readdirSync(sharedDir)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const source = readFileSync(join(sharedDir, file), 'utf8');
    if (!/from 'zod'/.test(source)) continue;
    // A top-level declaration runs to the next line that starts at column 0.
    const blocks: { name: string; text: string }[] = [];
    for (const line of source.split('\n')) {
      const m = DECLARATION.exec(line);
      if (m) blocks.push({ name: m[1]!, text: line });
      else if (/^\S/.test(line)) blocks.push({ name: '', text: line });
      else if (blocks.length) blocks[blocks.length - 1]!.text += `\n${line}`;
    }
    // A declaration made with zod, or from a schema already found (`Item.extend(…)`), is a schema.
    let grew = true;
    while (grew) {
      grew = false;
      for (const b of blocks) {
        if (!b.name || names.has(b.name)) continue;
        const usesSchema = [...names].some((n) => new RegExp(`\\b${n}\\s*[.(]`).test(b.text));
        if (usesSchema) {
          names.add(b.name);
          grew = true;
        }
      }
    }
  }
  return [...names];
}
