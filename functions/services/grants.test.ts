/**
 * A grant whose table write fails leaves the Cognito group as it was (issue 16): the group change
 * made first is undone, and the error still reaches the caller.
 */
import { describe, expect, it } from 'vitest';
import type { GroupDirectory } from '../auth/groups';
import type { Store } from '../data/client';
import { applyGrant } from './grants';

function recordingGroups(): GroupDirectory & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    addToGroup: async (sub: string, group: string) => {
      calls.push(`add ${sub} ${group}`);
    },
    removeFromGroup: async (sub: string, group: string) => {
      calls.push(`remove ${sub} ${group}`);
    },
  } as GroupDirectory & { calls: string[] };
}

/** A store whose every write fails, as a throttled or unreachable table would. */
const failingStore = {
  table: 't',
  doc: { send: async () => Promise.reject(new Error('table unavailable')) },
} as unknown as Store;

const actor = { sub: 'admin-1', name: 'Admin' };

describe('grants compensate', () => {
  it('removes the group again when granting a role fails in the table', async () => {
    const groups = recordingGroups();
    await expect(
      applyGrant(
        { store: failingStore, groups, now: () => new Date() },
        actor,
        'u-1',
        { role: 'moderator' },
        false,
      ),
    ).rejects.toThrow('table unavailable');
    expect(groups.calls).toEqual(['add u-1 moderator', 'remove u-1 moderator']);
  });

  it('puts the group back when revoking a role fails in the table', async () => {
    const groups = recordingGroups();
    await expect(
      applyGrant(
        { store: failingStore, groups, now: () => new Date() },
        actor,
        'u-1',
        { role: 'official' },
        true,
      ),
    ).rejects.toThrow('table unavailable');
    expect(groups.calls).toEqual(['remove u-1 official', 'add u-1 official']);
  });

  it('refuses an admin revoking their own admin role before touching anything', async () => {
    const groups = recordingGroups();
    await expect(
      applyGrant(
        { store: failingStore, groups, now: () => new Date() },
        actor,
        'admin-1',
        { role: 'admin' },
        true,
      ),
    ).rejects.toMatchObject({ kind: 'self_revoke' });
    expect(groups.calls).toEqual([]);
  });
});
