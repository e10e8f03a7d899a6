import { describe, expect, it } from 'vitest';
import { Contractor, contractorView, ItemInput } from '../functions/api/schemas/item';

describe('item model: contractor numbers', () => {
  it('accepts a BIN with a valid control digit', () => {
    expect(Contractor.safeParse({ name: 'ТОО «Жол»', bin: '080540001238' }).success).toBe(true);
  });
  it('refuses a 12-digit number whose control digit is wrong, naming the check', () => {
    const r = Contractor.safeParse({ name: 'ТОО «Жол»', bin: '080540001239' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['bin'], params: { code: 'bin.control_digit' } });
  });
  it('shows a BIN in full but never the digits of a sole trader’s IIN', () => {
    expect(contractorView({ name: 'ТОО «Жол»', bin: '080540001238' })).toEqual({
      name: 'ТОО «Жол»',
      kind: 'bin',
      bin: '080540001238',
    });
    // 5th digit 0–3: an IIN; its first six digits would be a birth date.
    const iin = '900101300017';
    expect(Contractor.safeParse({ name: 'ИП Иванов', bin: iin }).success).toBe(true);
    expect(contractorView({ name: 'ИП Иванов', bin: iin })).toEqual({ name: 'ИП Иванов', kind: 'iin' });
  });
  it('keeps amendments, transactions and the tender as given', () => {
    const shape = ItemInput.shape;
    expect(
      shape.amendments.safeParse([
        { id: 'a1', date: '2026-03-12', valueBefore: '1000.00', valueAfter: '1340.00', source: 'ocds' },
      ]).success,
    ).toBe(true);
    expect(shape.transactions.safeParse([{ id: 't1', date: '2026-04-01', amount: '500.00' }]).success).toBe(
      true,
    );
    expect(shape.tender.safeParse({ procurementMethod: 'direct', numberOfTenderers: 1 }).success).toBe(true);
  });
});
