/**
 * Every field the connector reads, checked against the live schema (introspection) at the start of a
 * run: a renamed or removed field stops the run with one line naming it, before anything is written.
 */
import { type GoszakupClient, GoszakupError } from './client';

/** Type name → fields the connector reads from it. Names as the portal's public clients use them. */
export const USED_FIELDS: Record<string, string[]> = {
  Contract: [
    'id',
    'contractNumberSys',
    'contractSum',
    'faktSum',
    'signDate',
    'ecEndDate',
    'planExecDate',
    'faktExecDate',
    'finYear',
    'customerBin',
    'supplierBiin',
    'trdBuyId',
    'refContractStatusId',
    'lastUpdateDate',
    'TrdBuy',
    'ContractUnits',
  ],
  TrdBuy: ['id', 'numberAnno', 'nameRu', 'nameKz', 'RefTradeMethods'],
  RefTradeMethods: ['id', 'code', 'nameRu', 'nameKz'],
  ContractUnits: ['id', 'Plans'],
  Plans: ['refEnstruCode', 'PlansKato'],
  PlansKato: ['refKatoCode'],
};

export const SCHEMA_QUERY = `query {
${Object.keys(USED_FIELDS)
  .map((t) => `  t${t}: __type(name: "${t}") { name fields { name } }`)
  .join('\n')}
}`;

type Introspection = Record<string, { name: string; fields: { name: string }[] | null } | null>;

/** Throws one clear line when a type or field the connector reads is not in the live schema. */
export async function checkSchema(client: GoszakupClient): Promise<void> {
  const { data } = await client.query<Introspection>(SCHEMA_QUERY);
  const missing: string[] = [];
  for (const [type, fields] of Object.entries(USED_FIELDS)) {
    const live = data?.[`t${type}`];
    if (!live) {
      missing.push(`type ${type}`);
      continue;
    }
    const names = new Set((live.fields ?? []).map((f) => f.name));
    for (const f of fields) if (!names.has(f)) missing.push(`${type}.${f}`);
  }
  if (missing.length) {
    throw new GoszakupError(
      `the portal's schema changed: ${missing.join(', ')} no longer exist${missing.length === 1 ? 's' : ''}; nothing was imported`,
      'schema',
    );
  }
}

export const CONTRACTS_QUERY = `query Contracts($limit: Int, $after: Int, $filter: ContractFiler) {
  Contract(limit: $limit, after: $after, filter: $filter) {
    id contractNumberSys contractSum faktSum signDate ecEndDate planExecDate faktExecDate finYear
    customerBin supplierBiin trdBuyId refContractStatusId lastUpdateDate
    TrdBuy { id numberAnno nameRu nameKz RefTradeMethods { id code nameRu nameKz } }
    ContractUnits { id Plans { refEnstruCode PlansKato { refKatoCode } } }
  }
}`;
