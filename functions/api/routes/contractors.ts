/**
 * `GET /api/contractors/{bin}`: a contractor's contracts, the bodies and areas it serves, totals by
 * year, its share of each body's and area's contracted value, its lateness record and flags.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { isValidIdentificationNumber } from '../../../shared/bin';
import { ContractorProfile } from '../../../shared/contractors';
import { almatyDate } from '../../../shared/dates';
import { readContractorProfile } from '../../data/contractors';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { NotFoundError } from '../problems';

const BinParam = z
  .string()
  .regex(/^\d{12}$/, 'a 12-digit BIN')
  .refine(isValidIdentificationNumber, 'a BIN whose last digit is its control digit');

export const contractorRoutes = new OpenAPIHono<AppEnv>().openapi(
  defineRoute('items.read', {
    method: 'get',
    path: '/contractors/{bin}',
    tags: ['items'],
    summary: "A contractor's profile by its BIN: contracts, bodies and areas served, shares, lateness, flags",
    description:
      "Read through the byContractor index. Shares compare the contractor's contracted value with everything " +
      'the body or area contracted in the same fiscal years. A sole trader (IIN) is shown without its number.',
    request: { params: z.object({ bin: BinParam }) },
    responses: {
      200: { description: 'The profile', content: { 'application/json': { schema: ContractorProfile } } },
      ...problemResponses(400, 404, 503),
    },
  }),
  async (c) => {
    const { bin } = c.req.valid('param');
    const profile = await readContractorProfile(c.var.deps.store, bin, almatyDate(c.var.deps.now()));
    if (!profile) throw new NotFoundError('No contract of this contractor is on the map.');
    return c.json(profile, 200);
  },
);
