// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * The flag job's records (data/flags.ts; the workflow is services/flags.ts), declared as ElectroDB
 * entities: a contractor's or body's flag summary (`party` CONTRACTOR or BODY), listed on byKind
 * most flagged first while it has a flagged item; the last run's summary; and the codes last
 * announced per flagged item, listed on byKind. Written by hand-built puts keyed by these templates
 * (the job batches them, and commits the known codes in its transactions); read by key or by the
 * listing's template, the records kept as the job made them.
 */
import { type AccessPattern, key, kindOf } from '../schema';
import { named, text } from './kit';

export const flagSummaryModel = {
  model: named('flag-summary'),
  attributes: {
    party: text,
    id: text,
    rank: text,
    kind: kindOf('flag-summary'),
  },
  indexes: {
    record: { pk: key('pk', ['party', 'id'], 'FLAGS#${party}#${id}'), sk: key('sk', [], 'SUMMARY') },
    listed: {
      index: 'byKind',
      pk: key('gsi7pk', ['party'], 'KIND#FLAGSUM#${party}'),
      sk: key('gsi7sk', ['rank'], '${rank}'),
    },
  },
} as const;

export const flagRunModel = {
  model: named('flag-run'),
  attributes: { kind: kindOf('flag-run') },
  indexes: { record: { pk: key('pk', [], 'FLAGS#RUN'), sk: key('sk', [], 'LATEST') } },
} as const;

export const flagKnownModel = {
  model: named('flag-known'),
  attributes: { itemId: text, kind: kindOf('flag-known') },
  indexes: {
    record: { pk: key('pk', ['itemId'], 'FLAGS#ITEM#${itemId}'), sk: key('sk', [], 'KNOWN') },
    listed: {
      index: 'byKind',
      pk: key('gsi7pk', [], 'KIND#FLAGKNOWN'),
      sk: key('gsi7sk', ['itemId'], '${itemId}'),
    },
  },
} as const;

export const FLAG_MODELS = {
  flagSummary: flagSummaryModel,
  flagRun: flagRunModel,
  flagKnown: flagKnownModel,
} as const;

export const FLAG_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof FLAG_MODELS>[] = [
  {
    entity: 'flagSummary',
    index: 'record',
    pattern:
      "a contractor's or body's flag counts by key (the job compares and rewrites them; the responsiveness page's column)",
    code: '`data/flags.ts` `getFlagSummaries`, `flagSummaryPut`',
  },
  {
    entity: 'flagSummary',
    index: 'listed',
    pattern:
      'the most flagged contractors or bodies, most flagged first (/flags); every listed one (the flag job)',
    code: '`data/flags.ts` `listFlagSummaries` (`services/flags.ts` `listFlagSummaries`, `listedSummaries`)',
  },
  {
    entity: 'flagRun',
    index: 'record',
    pattern: "the flag job's last run",
    code: '`data/flags.ts` `getFlagRun`, `putFlagRun`',
  },
  {
    entity: 'flagKnown',
    index: 'record',
    pattern: 'the flag codes last announced for an item, written with its flags',
    code: '`data/flags.ts` `knownFlagOp`',
  },
  {
    entity: 'flagKnown',
    index: 'listed',
    pattern: 'the flag codes last announced per flagged item (flag job: what is a new flag)',
    code: '`data/flags.ts` `listKnownFlagCodes`',
  },
];
