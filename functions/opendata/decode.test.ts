import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './decode';

describe('decodeUtf8', () => {
  it('strips a BOM and reads UTF-8', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Атауы')]);
    expect(decodeUtf8(bytes)).toEqual({ ok: true, text: 'Атауы' });
  });

  it('refuses Windows-1251 and says that is what it looks like', () => {
    const r = decodeUtf8(new Uint8Array(iconv.encode('Наименование;Район\nРемонт дороги;Тараз', 'win1251')));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('Windows-1251');
  });

  it('refuses UTF-16', () => {
    const r = decodeUtf8(new Uint8Array([0xff, 0xfe, 0x41, 0x00]));
    expect(!r.ok && r.message).toContain('UTF-16');
  });
});
