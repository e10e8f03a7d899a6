/**
 * `GET /api/contractors/{bin}`: a contractor's contracts, the bodies and areas it serves, totals by
 * year, its share of each body's and area's contracted value, its lateness record and flags.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { isValidIdentificationNumber } from '../../../shared/bin';
import { almatyDate } from '../../../shared/dates';
import type { FlagExplanationView } from '../../../shared/flags-explanations';
import { readContractorProfile } from '../../data/contractors';
import { publicFlagExplanations } from '../../services/flags-explanations';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { NotFoundError } from '../problems';
import { ContractorProfile } from '../schemas/contractors';

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
    // The bodies' explanations beside the flags: one Query per flagged contract, a few at a time.
    const flagged = profile.contracts.filter((k) => k.flags.length);
    const explained = new Map<string, FlagExplanationView[]>();
    for (let i = 0; i < flagged.length; i += 8)
      await Promise.all(
        flagged.slice(i, i + 8).map(async (k) => {
          const list = await publicFlagExplanations(c.var.deps.store, k.id);
          if (list.length) explained.set(k.id, list);
        }),
      );
    return c.json(
      {
        ...profile,
        contracts: profile.contracts.map((k) =>
          explained.has(k.id) ? { ...k, explanations: explained.get(k.id) } : k,
        ),
      },
      200,
    );
  },
);
