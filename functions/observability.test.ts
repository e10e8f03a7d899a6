import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { metrics, observed, RATE_LIMITED_METRIC } from './observability';

const context = { functionName: 'api', awsRequestId: 'req-1' } as Context;

describe('observed handlers', () => {
  afterEach(() => vi.restoreAllMocks());

  it('count a 429 answer as RateLimited, and nothing for other answers', async () => {
    const added = vi.spyOn(metrics, 'addMetric');
    vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
    vi.spyOn(metrics, 'captureColdStartMetric').mockImplementation(() => metrics);
    await observed(async () => ({ statusCode: 200 }))({}, context);
    expect(added).not.toHaveBeenCalled();
    await observed(async () => ({ statusCode: 429 }))({}, context);
    expect(added).toHaveBeenCalledWith(RATE_LIMITED_METRIC, 'Count', 1);
  });
});
