import { describe, expect, it } from 'vitest';
import { almatyInstant, areaOfKato, categoryOfEnstru, exactAmount } from './map';

describe('goszakup mapping', () => {
  it('reads amounts exactly, to the tiyn, and refuses anything else', () => {
    expect(exactAmount('12500000.5')).toBe('12500000.50');
    expect(exactAmount('999999999999.99')).toBe('999999999999.99');
    expect(exactAmount(1234.1)).toBe('1234.10');
    expect(exactAmount('1.005')).toBeUndefined();
    expect(exactAmount('-5')).toBeUndefined();
    expect(exactAmount('1e5')).toBeUndefined();
  });

  it('finds the district by the KATO code and never outside region 31', () => {
    expect(areaOfKato('311010000')).toBe('taraz');
    expect(areaOfKato('315420100')).toBe('merki');
    expect(areaOfKato('751010000')).toBeUndefined();
    expect(areaOfKato('31')).toBeUndefined();
  });

  it('classes ENSTRU codes by prefix and leaves unknown ones unmapped', () => {
    expect(categoryOfEnstru('421110.000.000003')).toBe('roads');
    expect(categoryOfEnstru('422111.100.000000')).toBe('water_supply');
    expect(categoryOfEnstru('851010.000.000000')).toBe('education');
    expect(categoryOfEnstru('412012.000.000000')).toBeUndefined();
  });

  it('reads the portal’s local times as Asia/Almaty', () => {
    expect(almatyInstant('2026-04-01 10:00:00')).toBe('2026-04-01T05:00:00.000Z');
  });
});
