import { XMLBuilder } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toXml } from './xml';

describe('toXml', () => {
  it('writes what fast-xml-parser’s builder wrote for Open311 documents', () => {
    const builder = new XMLBuilder({ format: false, suppressEmptyNode: true });
    const documents = [
      {
        service_requests: {
          request: [
            {
              service_request_id: '01J',
              description: 'Ремонт & <школа> "№ 5" it’s',
              lat: 42.9,
              status: 'open',
              media_url: '',
              address: null,
              agency_responsible: undefined,
              keywords: ['a', 'b'],
              nested: { code: 'x', empty: {} },
              answered: false,
            },
            { service_request_id: '02K' },
          ],
        },
      },
      { errors: { error: [] } },
      {
        service_definition: { service_code: 'q', attributes: { attribute: [{ order: 1, required: true }] } },
      },
    ];
    for (const doc of documents) expect(toXml(doc)).toBe(builder.build(doc));
  });
});
