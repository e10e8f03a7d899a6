import { describe, expect, it } from 'vitest';
import { commentModel, replyModel } from './entities/comments';
import { fill, itemModel, prefixOf } from './schema';

describe('key templates', () => {
  it('give the prefix every key of a template begins with, for a begins_with query', () => {
    expect(prefixOf(commentModel.indexes.record.sk.template)).toBe('COMMENT#');
    expect(fill(replyModel.indexes.record.sk.template, { parentId: 'p', id: 'r' })).toMatch(
      new RegExp(`^${prefixOf(replyModel.indexes.record.sk.template)}`),
    );
  });

  it('refuse to fill a key whose fact is missing or empty, rather than write ITEM#undefined', () => {
    expect(() => fill(itemModel.indexes.record.pk.template, {})).toThrow(/id is missing/);
    expect(() => fill(itemModel.indexes.record.pk.template, { id: '' })).toThrow(/id is missing/);
  });
});
