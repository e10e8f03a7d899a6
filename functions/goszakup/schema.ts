/**
 * Every field the connector reads, checked against the live schema (introspection) at the start of a
 * run: a renamed or removed field stops the run with one line naming it, before anything is written.
 */
import { type GoszakupClient, GoszakupError } from './client';

/**
 * Type name → fields the connector reads from it. Names as the portal's public clients use them,
 * checked (December 2026) against public OWS v3 clients found by code search, e.g. parsers posting to
 * https://ows.goszakup.gov.kz/v3/graphql that read `Contract { supplierBiin customerBin contractSum
 * faktSum finYear ecEndDate planExecDate faktExecDate Supplier { bin nameRu } ContractUnits { Plans {
 * refEnstruCode PlansKato { refKatoCode } } } }` and `Subjects { pid bin iin nameRu nameKz }`, and a
 * published write-up of the API ("Полная документация GraphQL API государственных закупок
 * Казахстана": `Contract.Supplier → Subject`, `supplierBiin` "БИН/ИИН поставщика"). The supplier's
 * type is named `Subject` there and `Subjects` is the root query's name, so the connector never
 * names it: it is found through `Contract.Supplier` (USED_NESTED_FIELDS).
 */
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
    'Supplier',
  ],
  TrdBuy: ['id', 'numberAnno', 'nameRu', 'nameKz', 'RefTradeMethods'],
  RefTradeMethods: ['id', 'code', 'nameRu', 'nameKz'],
  ContractUnits: ['id', 'Plans'],
  Plans: ['refEnstruCode', 'PlansKato'],
  PlansKato: ['refKatoCode'],
};

/**
 * Fields read through an object field whose type's name public clients do not show (the contract's
 * supplier, `Contract { Supplier { nameRu } }`): the type is found through the field, then checked.
 */
export const USED_NESTED_FIELDS: Record<string, string[]> = {
  'Contract.Supplier': ['bin', 'nameRu', 'nameKz'],
};

/**
 * Input types the contracts query names, with the fields the connector filters by. The filter type is
 * `ContractFiltersInput` in every public client of v3 (`query($limit: Int, $after: Int, $filter:
 * ContractFiltersInput) { Contract(limit: $limit, after: $after, filter: $filter) … }`); a variable of
 * an unknown type makes the portal refuse the whole query.
 */
export const USED_INPUT_FIELDS: Record<string, string[]> = {
  ContractFiltersInput: ['finYear', 'customerBin'],
};

const typeQuery = (types: string[], inputs: string[] = []) => `query {
${[
  ...types.map(
    (t) =>
      `  t${t}: __type(name: "${t}") { name fields { name type { name ofType { name ofType { name } } } } }`,
  ),
  ...inputs.map((t) => `  i${t}: __type(name: "${t}") { name inputFields { name } }`),
].join('\n')}
}`;

export const SCHEMA_QUERY = typeQuery(Object.keys(USED_FIELDS), Object.keys(USED_INPUT_FIELDS));

interface TypeRef {
  name: string | null;
  ofType?: TypeRef | null;
}
type Introspection = Record<
  string,
  {
    name: string;
    fields?: { name: string; type?: TypeRef | null }[] | null;
    inputFields?: { name: string }[] | null;
  } | null
>;

/** The named type under list and non-null wrappers. */
const namedType = (t: TypeRef | null | undefined): string | undefined =>
  t ? (t.name ?? namedType(t.ofType)) : undefined;

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
  for (const [type, fields] of Object.entries(USED_INPUT_FIELDS)) {
    const live = data?.[`i${type}`];
    if (!live) {
      missing.push(`type ${type}`);
      continue;
    }
    const names = new Set((live.inputFields ?? []).map((f) => f.name));
    for (const f of fields) if (!names.has(f)) missing.push(`${type}.${f}`);
  }
  const nested = Object.entries(USED_NESTED_FIELDS).flatMap(([path, fields]) => {
    const [type, field] = path.split('.') as [string, string];
    const live = data?.[`t${type}`]?.fields?.find((f) => f.name === field);
    const name = namedType(live?.type);
    return live && name ? [{ path, name, fields }] : [];
  });
  if (nested.length && !missing.length) {
    const { data: more } = await client.query<Introspection>(typeQuery(nested.map((n) => n.name)));
    for (const { path, name, fields } of nested) {
      const names = new Set((more?.[`t${name}`]?.fields ?? []).map((f) => f.name));
      for (const f of fields) if (!names.has(f)) missing.push(`${path}.${f}`);
    }
  }
  if (missing.length) {
    throw new GoszakupError(
      `the portal's schema changed: ${missing.join(', ')} no longer exist${missing.length === 1 ? 's' : ''}; nothing was imported`,
      'schema',
    );
  }
}

export const CONTRACTS_QUERY = `query Contracts($limit: Int, $after: Int, $filter: ContractFiltersInput) {
  Contract(limit: $limit, after: $after, filter: $filter) {
    id contractNumberSys contractSum faktSum signDate ecEndDate planExecDate faktExecDate finYear
    customerBin supplierBiin trdBuyId refContractStatusId lastUpdateDate
    TrdBuy { id numberAnno nameRu nameKz RefTradeMethods { id code nameRu nameKz } }
    Supplier { bin nameRu nameKz }
    ContractUnits { id Plans { refEnstruCode PlansKato { refKatoCode } } }
  }
}`;
