import { describe, expect, it } from 'vitest';
import { parseJavaVersion } from './dynamodb-local';

describe('Java version check for DynamoDB Local', () => {
  it('reads a modern version string', () => {
    expect(parseJavaVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
  });
  it('reads the old 1.x scheme as its real major version', () => {
    expect(parseJavaVersion('java version "1.8.0_401"')).toBe(8);
  });
  it('returns null when the output names no version', () => {
    expect(parseJavaVersion('command not found')).toBeNull();
  });
});
