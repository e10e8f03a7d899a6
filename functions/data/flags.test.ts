import { Entity } from 'electrodb';
import { describe, expect, it } from 'vitest';
import { flagKnownModel, flagRunModel, flagSummaryModel } from './entities/flags';
import { flagSummaryPut, knownFlagOp } from './flags';
import { recordKey } from './schema';

// Keys only: ElectroDB builds a request's parameters without a client.
const entity = <M>(model: M) => new Entity(model as never, { table: 'flags-keys' });

describe('the flag job’s keys', () => {
  it('are the keys the records had before they were entities, and ElectroDB’s own', () => {
    expect(recordKey(flagSummaryModel, { party: 'CONTRACTOR', id: '080540001238' })).toEqual({
      pk: 'FLAGS#CONTRACTOR#080540001238',
      sk: 'SUMMARY',
    });
    expect(recordKey(flagRunModel, {})).toEqual({ pk: 'FLAGS#RUN', sk: 'LATEST' });
    expect(recordKey(flagKnownModel, { itemId: 'I1' })).toEqual({ pk: 'FLAGS#ITEM#I1', sk: 'KNOWN' });
    for (const [model, facts] of [
      [flagSummaryModel, { party: 'BODY', id: 'zha-roads' }],
      [flagRunModel, {}],
      [flagKnownModel, { itemId: 'I1' }],
    ] as const)
      expect(recordKey(model as never, facts as never)).toEqual(
        (entity(model).get(facts as never) as unknown as { params(): { Key: object } }).params().Key,
      );
  });

  it('list a summary most flagged first while it has a flagged item, and a known-codes record while the item has codes', () => {
    const listed = (flagged: number) =>
      flagSummaryPut('CONTRACTOR', { id: '080540001238', flagged, items: 3 }, 7);
    expect(listed(3)).toMatchObject({
      gsi7pk: 'KIND#FLAGSUM#CONTRACTOR',
      gsi7sk: `${999_999_996}#080540001238`,
      auditSeq: 7,
    });
    expect(listed(0)).not.toHaveProperty('gsi7pk');
    expect(knownFlagOp({ table: 't' }, 'I1', ['R-STALE']).Put?.Item).toMatchObject({
      pk: 'FLAGS#ITEM#I1',
      gsi7pk: 'KIND#FLAGKNOWN',
      gsi7sk: 'I1',
    });
    expect(knownFlagOp({ table: 't' }, 'I1', []).Delete?.Key).toEqual({ pk: 'FLAGS#ITEM#I1', sk: 'KNOWN' });
  });
});
