/**
 * sharp (image re-encoding for attachments) is a native module: esbuild cannot bundle it, and the
 * copy in node_modules is built for this machine, not for Lambda's linux-arm64. `npm run deploy`
 * runs this file first; it installs sharp for linux-arm64 into infra/.native/ (needs the npm
 * registry, once per version). Synth copies that folder next to the upload publisher's bundle
 * (infra/constructs/upload-publisher.ts) when it exists; the publisher imports sharp on the first
 * image, so a deploy without it would fail then — synth warns (CI synth stays offline).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './constructs/hub-function';

/** Node modules the API needs that are shipped as installed packages, not bundled. */
export const NATIVE_MODULES = ['sharp'] as const;

/** Holds `node_modules/` for linux-arm64; copied into the API's bundle. */
export const NATIVE_DIR = join(REPO_ROOT, 'infra', '.native', 'linux-arm64');

export function nativeModulesReady(dir = NATIVE_DIR): boolean {
  return NATIVE_MODULES.every((m) => existsSync(join(dir, 'node_modules', m, 'package.json')));
}

function installForLambda(): void {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const specs = NATIVE_MODULES.map((m) => {
    const version = pkg.dependencies[m];
    if (!version) throw new Error(`${m} is not a dependency in package.json`);
    return `${m}@${version}`;
  });
  mkdirSync(NATIVE_DIR, { recursive: true });
  writeFileSync(join(NATIVE_DIR, 'package.json'), '{ "private": true }\n');
  // Same versions as the app, but the binaries of Lambda's platform (sharp's documented way).
  execFileSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--os=linux',
      '--cpu=arm64',
      '--libc=glibc',
      ...specs,
    ],
    { cwd: NATIVE_DIR, stdio: 'inherit' },
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  installForLambda();
  console.log(`Native modules for Lambda (linux-arm64) are in ${NATIVE_DIR}`);
}
