/**
 * A local stand-in for the procurement portal's GraphQL API, answering in its documented shapes:
 * 401 without the Bearer token (introspection included), introspection of the types the connector
 * reads, and `Contract(limit, after, filter)` pages with `extensions.pageInfo { hasNextPage, lastId }`.
 * Scripted failures (`failures`: HTTP statuses answered before the next real answer) and schema
 * renames let tests drive retries and the schema check through the real client.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GoszakupContract } from '../../functions/goszakup/map';
import { USED_FIELDS, USED_INPUT_FIELDS } from '../../functions/goszakup/schema';
import { withControlDigit } from '../../shared/bin';

export interface StandIn {
  url: string;
  token: string;
  contracts: GoszakupContract[];
  /** Statuses to answer before serving the next request normally (e.g. [429, 503]). */
  failures: number[];
  /** Type.field → new name, as if the portal renamed it. */
  renamed: Record<string, string>;
  requests: { query: string; variables: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** The types the stand-in's schema holds: those the connector reads, and the supplier's (`Subjects`). */
const SCHEMA_TYPES: Record<string, string[]> = {
  ...USED_FIELDS,
  Subjects: ['pid', 'bin', 'iin', 'nameRu', 'nameKz'],
};
/** Object fields whose type is not named like the field. */
const FIELD_TYPES: Record<string, string> = { 'Contract.Supplier': 'Subjects' };

export async function startGoszakupStandIn(
  contracts: GoszakupContract[] = [],
  token = 'test-token',
): Promise<StandIn> {
  const state = {
    contracts,
    failures: [] as number[],
    renamed: {} as Record<string, string>,
    requests: [] as StandIn['requests'],
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { message: 'Unauthorized' });
      const failure = state.failures.shift();
      if (failure) return send(failure, { message: 'try again' });
      const { query, variables = {} } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      state.requests.push({ query, variables });
      if (query.includes('__type')) {
        // Answers each `alias: __type(name: "T")` asked for, as the live schema would.
        const data: Record<string, unknown> = {};
        for (const [, alias, type] of query.matchAll(/(\w+): __type\(name: "(\w+)"\)/g)) {
          const inputs = USED_INPUT_FIELDS[type!];
          if (inputs) {
            data[alias!] = {
              name: type,
              inputFields: inputs.map((f) => ({ name: state.renamed[`${type}.${f}`] ?? f })),
            };
            continue;
          }
          const fields = SCHEMA_TYPES[type!];
          data[alias!] = fields
            ? {
                name: type,
                fields: fields.map((f) => ({
                  name: state.renamed[`${type}.${f}`] ?? f,
                  type: {
                    name: FIELD_TYPES[`${type}.${f}`] ?? null,
                    ofType: { name: 'String', ofType: null },
                  },
                })),
              }
            : null;
        }
        return send(200, { data });
      }
      // As the live schema would: a variable of a type it does not have refuses the whole query.
      for (const [, name] of query.matchAll(/\$\w+: (\w+)/g))
        if (!['Int', 'String', ...Object.keys(USED_INPUT_FIELDS)].includes(name!))
          return send(200, { errors: [{ message: `Unknown type "${name}".` }] });
      const limit = Math.min(200, Number(variables.limit ?? 50));
      const after = variables.after === undefined ? -Infinity : Number(variables.after);
      const filter = (variables.filter ?? {}) as { finYear?: number; customerBin?: string };
      const matching = state.contracts
        .filter((c) => (filter.finYear ? c.finYear === filter.finYear : true))
        .filter((c) => (filter.customerBin ? c.customerBin === filter.customerBin : true))
        .sort((a, b) => a.id - b.id);
      const page = matching.filter((c) => c.id > after).slice(0, limit);
      const last = page.at(-1);
      const hasNextPage = last !== undefined && matching.some((c) => c.id > last.id);
      return send(200, {
        data: { Contract: page },
        extensions: { pageInfo: { hasNextPage, lastId: last?.id ?? null, totalCount: matching.length } },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/v3/graphql`,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A contract of a Zhambyl body in the documented shape; override any field. */
export function sampleContract(id: number, over: Partial<GoszakupContract> = {}): GoszakupContract {
  return {
    id,
    contractNumberSys: `Д-${id}`,
    contractSum: '12500000.50',
    faktSum: '2500000.00',
    signDate: '2026-03-10 00:00:00',
    ecEndDate: '2026-12-31 00:00:00',
    planExecDate: '2026-10-31 00:00:00',
    faktExecDate: null,
    finYear: 2026,
    customerBin: withControlDigit('06024001234')!,
    supplierBiin: withControlDigit('10054000123')!,
    trdBuyId: 9000 + id,
    refContractStatusId: 210,
    lastUpdateDate: '2026-04-01 10:00:00',
    Supplier: {
      bin: withControlDigit('10054000123')!,
      nameRu: 'ТОО «Меркі Жол Құрылыс»',
      nameKz: '«Меркі Жол Құрылыс» ЖШС',
    },
    TrdBuy: {
      id: 9000 + id,
      numberAnno: `A-${id}`,
      nameRu: `Средний ремонт улицы №${id}`,
      nameKz: `№${id} көшені орташа жөндеу`,
      RefTradeMethods: { id: 2, code: 'OK', nameRu: 'Открытый конкурс', nameKz: 'Ашық конкурс' },
    },
    ContractUnits: [
      {
        id: id * 10,
        Plans: { refEnstruCode: '421110.000.000003', PlansKato: [{ refKatoCode: '315420100' }] },
      },
    ],
    ...over,
  };
}
