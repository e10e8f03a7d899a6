import type { ProblemParams } from './problem-codes';

/**
 * RFC 9457 problem details. `type` values are stable: clients may switch on them.
 * They are relative URI references, resolved against the API's origin.
 */
export const PROBLEM_TYPES = {
  validation: '/problems/validation',
  notFound: '/problems/not-found',
  unauthorized: '/problems/unauthorized',
  forbidden: '/problems/forbidden',
  conflict: '/problems/conflict',
  tooLarge: '/problems/payload-too-large',
  /** The body is not JSON at all (the schema was never reached). */
  malformedJson: '/problems/malformed-json',
  /** Wrong or missing Content-Type for a route that takes a JSON body. */
  unsupportedMediaType: '/problems/unsupported-media-type',
  rateLimited: '/problems/rate-limited',
  unavailable: '/problems/storage-unavailable',
  internal: '/problems/internal',
} as const;

export interface ProblemField {
  /** Where the bad value was: "query", "param", "json", "header", "form". */
  in: string;
  /** Dotted path of the field, e.g. "amounts.planned". */
  field: string;
  /** English, for people reading logs; clients use `code` + `params` (shared/problem-codes.ts). */
  message: string;
  code?: string;
  params?: ProblemParams;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Machine-readable reason from shared/problem-codes.ts; stable, unlike `title` and `detail`. */
  code?: string;
  params?: ProblemParams;
  /** For validation problems: every offending field. */
  errors?: ProblemField[];
}
