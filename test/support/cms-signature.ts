/**
 * A real detached CMS signature (.p7s, DER) of some bytes, made by OpenSSL the way a signer's tool
 * makes one: a throwaway self-signed EC key signs the content. Nothing trusts it; the hub never
 * verifies signatures, it only checks that the file is a CMS SignedData.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function detachedSignature(content: Uint8Array, opts: { stream?: boolean } = {}): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'p7s-'));
  try {
    const sh = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    sh([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      'k.pem',
      '-out',
      'c.pem',
      '-subj',
      '/CN=Test signer',
      '-days',
      '1',
    ]);
    writeFileSync(join(dir, 'doc'), content);
    sh([
      'cms',
      '-sign',
      '-binary',
      ...(opts.stream ? ['-stream'] : []),
      '-in',
      'doc',
      '-signer',
      'c.pem',
      '-inkey',
      'k.pem',
      '-outform',
      'DER',
      '-out',
      'doc.p7s',
    ]);
    return new Uint8Array(readFileSync(join(dir, 'doc.p7s')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
