import { ulid } from 'ulid';
import type { TokenVerifier } from '../../functions/api/env';
import { UnauthorizedError } from '../../functions/api/problems';
import type { Item } from '../../shared/item';

export const refuseTokens: TokenVerifier = {
  verify: async () => {
    throw new UnauthorizedError();
  },
};

export function sampleItem(overrides: Partial<Item> = {}): Item {
  return {
    id: ulid(),
    title: { kk: 'Жол жөндеу', ru: 'Ремонт дороги', en: 'Road repair' },
    category: 'roads',
    area: 'taraz',
    body: { id: 'zha-roads', name: { en: 'Department of Passenger Transport and Roads' } },
    programmeCode: '123-015-000',
    fiscalYear: 2026,
    amounts: { planned: '1000000.00', contracted: '900000.50', spent: '450000.25' },
    status: 'in_progress',
    period: { start: '2026-01-01', end: '2026-12-31' },
    location: { point: [71.37, 42.9] },
    milestones: [],
    provenance: { source: 'demo', updatedAt: '2026-01-01T00:00:00.000Z' },
    ...overrides,
  };
}

/**
 * Limits high enough that a test raising many questions or comments as one user tests its own
 * subject, not the throttle (test/integration/rate-limits.test.ts tests the throttle).
 */
export const GENEROUS_RATE_LIMITS = {
  comment: { limit: 10_000, windowSeconds: 60 },
  question_hour: { limit: 10_000, windowSeconds: 3600 },
  question_day: { limit: 10_000, windowSeconds: 86_400 },
} as const;
