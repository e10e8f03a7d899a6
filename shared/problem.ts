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
  rateLimited: '/problems/rate-limited',
  unavailable: '/problems/storage-unavailable',
  internal: '/problems/internal',
} as const;

export interface ProblemField {
  /** Where the bad value was: "query", "param", "json", "header", "form". */
  in: string;
  /** Dotted path of the field, e.g. "amounts.planned". */
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** For validation problems: every offending field. */
  errors?: ProblemField[];
}
