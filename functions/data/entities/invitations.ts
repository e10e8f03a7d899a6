// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * A body's invitation to a club session (data/invitations.ts; the workflow is
 * services/invitations.ts), declared as an ElectroDB entity in the session's partition, beside the
 * session record and its agenda and minutes versions: the kind filter keeps it apart there. Read
 * whole through the entity (`data: 'raw'`); written by the hand-built puts of data/invitations.ts
 * keyed by this template (the model declares only its keys and the reminder, which its patch sets).
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key, kindOf } from '../schema';
import { named, perStore, text } from './kit';

export const invitationModel = {
  model: named('invitation'),
  attributes: {
    sessionId: text,
    bodyId: text,
    kind: kindOf('invitation'),
    /** When its body was reminded, and of which start (data/invitations.ts `markInvitationReminded`). */
    reminded: { type: 'any' },
  },
  indexes: {
    record: {
      pk: key('pk', ['sessionId'], 'SESSION#${sessionId}'),
      sk: key('sk', ['bodyId'], 'INVITE#${bodyId}'),
    },
  },
} as const;

export const INVITATION_MODELS = { invitation: invitationModel } as const;

export const INVITATION_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof INVITATION_MODELS>[] = [
  {
    entity: 'invitation',
    index: 'record',
    pattern: "a session's invitations, all of them (strongly consistent); one put or marked reminded",
    code: '`data/invitations.ts` `listInvitations`, `invitationPutOp`, `markInvitationReminded`',
  },
];

/** The invitation entity over `store`'s table (built once per store). */
export const invitationEntitiesOf = perStore((store) => ({
  invitation: new Entity(invitationModel, { client: store.doc, table: store.table }),
}));
