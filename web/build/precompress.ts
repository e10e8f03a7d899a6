/**
 * Brotli and gzip copies of every compressible file of the build (`x.js.br`, `x.js.gz` beside
 * `x.js`), made once at build time with the strongest settings, so the local server sends what
 * CloudFront would without compressing on each request. A copy is kept only when it is smaller.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(?:m?js|css|html|json|geojson|svg|txt|map|xml|webmanifest)$/;
/** Below this, the headers cost more than the bytes saved. */
const MIN_BYTES = 512;

export function precompressFile(path: string): void {
  const raw = readFileSync(path);
  if (raw.length < MIN_BYTES) return;
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  if (br.length < raw.length) writeFileSync(`${path}.br`, br);
  if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz);
}

export function precompressDir(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) precompressDir(path);
    else if (COMPRESSIBLE.test(name)) precompressFile(path);
  }
}

export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'obm-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    // After the bundle and public/ are written, so index.html and the region outline are included.
    closeBundle() {
      precompressDir(outDir);
    },
  };
}
