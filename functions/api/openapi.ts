import { z } from '@hono/zod-openapi';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ in: z.string(), field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: `errors` names each bad field',
  401: 'Missing or invalid token',
  403: 'Not allowed for this user',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  429: 'Rate limited; see Retry-After',
  503: 'Storage unavailable; see Retry-After',
};

/** Problem+json response entries for the given statuses, for a route's `responses`. */
export function problemResponses<S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: DESCRIPTIONS[s] ?? 'Problem',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as Record<
    S,
    { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }
  >;
}
