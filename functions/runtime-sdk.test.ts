import { describe, expect, it } from 'vitest';
import { assertRuntimeSdk, MIN_RUNTIME_SDK, resolvedS3ClientVersion, versionAtLeast } from './runtime-sdk';

describe('the runtime SDK check', () => {
  it('compares versions field by field as numbers', () => {
    expect(versionAtLeast('3.1175.0', '3.700.0')).toBe(true);
    expect(versionAtLeast('3.700.0', '3.700.0')).toBe(true);
    expect(versionAtLeast('3.699.9', '3.700.0')).toBe(false);
    expect(versionAtLeast('3.88.0', '3.700.0')).toBe(false);
  });

  it('refuses an SDK from before S3 conditional writes, and accepts the one we test with', () => {
    expect(() => assertRuntimeSdk('3.632.0')).toThrow(MIN_RUNTIME_SDK);
    expect(() => assertRuntimeSdk(resolvedS3ClientVersion())).not.toThrow();
  });
});
