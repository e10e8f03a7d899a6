// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * Records of files and links that other records point at, declared as ElectroDB entities: an
 * attachment upload (functions/blobs/uploads.ts: ticket → ready → claimed, TTL until claimed) and
 * an OCDS contracting process's link to the item its releases update (functions/opendata/store.ts).
 * Both are written by hand-built ops keyed by these templates (the upload's claim and the link ride
 * in transactions; the importer batches its link reads) and read whole, so only the keys are declared.
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key } from '../schema';
import { named, perStore, text } from './kit';

export const uploadModel = {
  model: named('upload'),
  attributes: {
    id: text,
  },
  indexes: {
    record: { pk: key('pk', ['id'], 'UPLOAD#${id}'), sk: key('sk', [], 'UPLOAD') },
  },
} as const;

export const ocidLinkModel = {
  model: named('ocid-link'),
  attributes: {
    ocid: text,
  },
  indexes: {
    record: { pk: key('pk', ['ocid'], 'OCID#${ocid}'), sk: key('sk', [], 'LINK') },
  },
} as const;

export const UPLOAD_MODELS = { upload: uploadModel, ocidLink: ocidLinkModel } as const;

export const UPLOAD_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof UPLOAD_MODELS>[] = [
  {
    entity: 'upload',
    index: 'record',
    pattern:
      'an attachment upload (ticket → ready → claimed in the claiming record’s transaction; TTL until claimed)',
    code: '`blobs/uploads.ts` `getUpload`, `createUploadTicket`, `claimUploadOp`; `blobs/publish.ts`; `services/photo-blur.ts`',
  },
  {
    entity: 'ocidLink',
    index: 'record',
    pattern:
      'OCDS contracting process → the item its releases update (put with the item; batch-read by the importer)',
    code: '`opendata/store.ts` `getLinkedItemIds`, `itemWithLinksOps` (run by `services/import.ts`)',
  },
];

/** The upload entity over `store`'s table (built once per store; links are only keyed, never read one by one). */
export const uploadEntitiesOf = perStore((store) => ({
  upload: new Entity(uploadModel, { client: store.doc, table: store.table }),
}));
