import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../shared/item';
import { sampleItem } from '../../test/support/fixtures';
import { toItemRecord } from '../data/items';
import { applyChanges, buildSnapshot, emptySnapshot, type StreamChange } from './snapshot';

const record = (item: Item) => toItemRecord(item) as unknown as Record<string, unknown>;
const keys = (item: Item) => marshall({ pk: `ITEM#${item.id}`, sk: 'ITEM' });
const put = (item: Item, eventName = 'INSERT'): StreamChange => ({
  eventName,
  dynamodb: { Keys: keys(item), NewImage: marshall(record(item), { removeUndefinedValues: true }) },
});
const remove = (item: Item): StreamChange => ({ eventName: 'REMOVE', dynamodb: { Keys: keys(item) } });

describe('applyChanges', () => {
  it('adds an inserted item with its compact record', () => {
    const item = sampleItem();
    const next = applyChanges(emptySnapshot(), [put(item)]);
    expect(next.version).toBe(1);
    expect(next.items.get(item.id)).toMatchObject({ a: 'taraz', c: 'roads', p: 100000000, sp: 45000025 });
  });

  it('replaces a modified item and deletes a removed one', () => {
    const a = sampleItem();
    const b = sampleItem();
    const start = buildSnapshot([record(a), record(b)]);
    const next = applyChanges(start, [put({ ...a, status: 'completed' }, 'MODIFY'), remove(b)]);
    expect(next.items.get(a.id)?.s).toBe('completed');
    expect(next.items.has(b.id)).toBe(false);
  });

  it('leaves the input snapshot untouched (pure)', () => {
    const a = sampleItem();
    const start = buildSnapshot([record(a)]);
    applyChanges(start, [remove(a)]);
    expect(start.items.has(a.id)).toBe(true);
    expect(start.version).toBe(1);
  });

  it('ignores records that are not items and returns the same snapshot', () => {
    const start = buildSnapshot([]);
    const comment: StreamChange = {
      eventName: 'INSERT',
      dynamodb: {
        Keys: marshall({ pk: 'ITEM#x', sk: 'COMMENT#1' }),
        NewImage: marshall({ pk: 'ITEM#x', sk: 'COMMENT#1' }),
      },
    };
    expect(applyChanges(start, [comment])).toBe(start);
  });

  it('gives the same items when a change is replayed (rebuild overlapping the stream)', () => {
    const a = sampleItem();
    const once = applyChanges(emptySnapshot(), [put(a)]);
    const twice = applyChanges(once, [put(a)]);
    expect([...twice.items.values()]).toEqual([...once.items.values()]);
  });

  it('keeps shapes in step: a geometry added, then dropped', () => {
    const a = sampleItem({
      location: {
        point: [71.37, 42.9],
        geometry: {
          type: 'LineString',
          coordinates: [
            [71.37, 42.9],
            [71.38, 42.91],
          ],
        },
      },
    });
    const withShape = applyChanges(emptySnapshot(), [put(a)]);
    expect(withShape.shapes.get(a.id)?.geometry.type).toBe('LineString');
    const without = applyChanges(withShape, [put({ ...a, location: { point: [71.37, 42.9] } }, 'MODIFY')]);
    expect(without.shapes.has(a.id)).toBe(false);
  });
});
