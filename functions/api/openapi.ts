import { z } from '@hono/zod-openapi';

const ProblemParamsSchema = z
  .record(z.string(), z.union([z.string(), z.number()]))
  .describe('Values the code needs to be phrased in any language, e.g. { "latest": "2027-02-01" }');

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().optional().describe('Machine-readable reason (shared/problem-codes.ts); switch on this'),
    params: ProblemParamsSchema.optional(),
    errors: z
      .array(
        z.object({
          in: z.string(),
          field: z.string(),
          message: z.string(),
          code: z.string().optional(),
          params: ProblemParamsSchema.optional(),
        }),
      )
      .optional(),
  })
  .openapi('Problem');

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (`code`): malformed JSON, or `errors` names each bad field with its own `code`',
  401: 'Missing or invalid token',
  403: 'Not allowed for this user',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'The body must be application/json',
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
