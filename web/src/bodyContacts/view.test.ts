import { describe, expect, it } from 'vitest';
import { bodyRoute, statusLines } from './view';

const base = { verifiedAt: null, lastDeliveryAt: null, lastFailureAt: null };

describe("a body's notification state in words", () => {
  it('says only that nothing is set up, or that the mailbox waits for its link', () => {
    expect(statusLines({ ...base, state: 'none' })).toEqual([{ key: 'hubops.contacts.state.none' }]);
    expect(statusLines({ ...base, state: 'unverified', lastDeliveryAt: '2026-04-06T07:00:00Z' })).toEqual([
      { key: 'hubops.contacts.state.unverified' },
    ]);
  });

  it('names the last delivery and the last failure of a verified mailbox', () => {
    expect(
      statusLines({
        ...base,
        state: 'failing',
        lastDeliveryAt: '2026-04-06T07:00:00Z',
        lastFailureAt: '2026-04-07T07:00:00Z',
      }),
    ).toEqual([
      { key: 'hubops.contacts.state.failing' },
      { key: 'hubops.contacts.lastDelivery', at: '2026-04-06T07:00:00Z' },
      { key: 'hubops.contacts.lastFailure', at: '2026-04-07T07:00:00Z' },
    ]);
    expect(statusLines({ ...base, state: 'working' })).toEqual([
      { key: 'hubops.contacts.state.working' },
      { key: 'hubops.contacts.noDeliveryYet' },
    ]);
  });
});

describe('body pages by path', () => {
  it('knows the public page, the contacts page and the verification page', () => {
    expect(bodyRoute('/bodies/zha-roads')).toEqual({ page: 'body', bodyId: 'zha-roads' });
    expect(bodyRoute('/bodies/zha-roads/contacts')).toEqual({ page: 'contacts', bodyId: 'zha-roads' });
    expect(bodyRoute('/bodies/zha-roads/verify-mailbox')).toEqual({ page: 'verify', bodyId: 'zha-roads' });
    expect(bodyRoute('/bodies/Zha_Roads')).toBeNull();
    expect(bodyRoute('/bodies/zha-roads/templates')).toBeNull();
  });
});
