/**
 * Minutes that stand as a record (issue 21, deliver 4). Publishing writes version 1 of the minutes:
 * protocol number, chair, secretary, the quorum required (the club's settings at that moment) and
 * present (members marked present), attendance of members and of the invited bodies' officials,
 * and per agenda entry the decision and the recommendations. A correction after publishing writes
 * the next version with its reason; every version stays readable and each goes on the audit chain
 * with the session change, in one transaction.
 */
import type { z } from 'zod';
import type { MinutesCorrectionInput, MinutesInput, MinutesVersion, Session } from '../api/schemas/sessions';
import { appendAuditEntry, type TransactOp } from '../audit/chain';
import { clubSettingsAuditRecord } from '../audit/records';
import type { Store } from '../data/client';
import { listInvitations } from '../data/invitations';
import {
  clubSettingsPut,
  getClubSettings,
  getMinutesVersion,
  minutesVersionPut,
  recommendationsOfSession,
} from '../data/sessions';
import { requireStatus, save, touched } from './sessions';

type MinutesFields = Omit<z.infer<typeof MinutesInput>, 'version'>;
type Actor = { sub: string; name: string };

/** Builds minutes version `version` of `s` from what the session holds now. */
async function buildVersion(
  store: Store,
  s: Session,
  input: MinutesFields,
  version: number,
  by: Actor,
  at: string,
  correction?: { reason: string; at: string },
): Promise<MinutesVersion> {
  const [recs, invitations, settings] = await Promise.all([
    recommendationsOfSession(store, s),
    listInvitations(store, s.id),
    getClubSettings(store),
  ]);
  const recsOf = (ids: string[]) =>
    recs
      .filter((r) => ids.includes(r.id))
      .map((r) => ({ id: r.id, bodyId: r.bodyId, text: r.text, due: r.due }));
  return {
    sessionId: s.id,
    version,
    text: input.text,
    attendance: input.attendance,
    publishedAt: at,
    publishedByName: by.name,
    ...(input.protocolNumber ? { protocolNumber: input.protocolNumber } : {}),
    ...(input.chairName ? { chairName: input.chairName } : {}),
    ...(input.secretaryName ? { secretaryName: input.secretaryName } : {}),
    ...(settings ? { quorumRequired: settings.quorumRequired } : {}),
    // Members present: attendees who do not speak for a body.
    quorumPresent: input.attendance.filter((a) => a.present && !a.bodyId).length,
    officials: invitations.map((i) => ({
      bodyId: i.bodyId,
      ...(i.response ? { answer: i.response.answer } : {}),
      ...(i.attendance ? { present: i.attendance.present } : {}),
      ...(i.attendance?.name
        ? { name: i.attendance.name }
        : i.response?.deputyName
          ? { name: i.response.deputyName }
          : {}),
    })),
    entries: s.entries.map((e) => ({
      entryId: e.id,
      itemId: e.itemId,
      ...(e.questionId ? { questionId: e.questionId } : {}),
      ...(e.bodyId ? { bodyId: e.bodyId } : {}),
      ...(e.outcome ? { decision: e.outcome.decision } : {}),
      recommendations: recsOf(e.outcome?.recommendationIds ?? []),
    })),
    ...(correction ? { correction } : {}),
  };
}

/** The session's minutes summary (what the session record carries) from a version. */
function summaryOf(v: MinutesVersion): NonNullable<Session['minutes']> {
  const { sessionId: _s, publishedByName: _p, officials: _o, entries: _e, ...summary } = v;
  return summary;
}

/** First publication: the session becomes minutes_published and version 1 is written. */
export async function publishMinutes(
  store: Store,
  s: Session,
  expected: number,
  status: Session['status'],
  input: MinutesFields,
  by: Actor,
  now: Date,
): Promise<Session> {
  const at = now.toISOString();
  const v = await buildVersion(store, s, input, 1, by, at);
  const next: Session = { ...s, status, minutes: summaryOf(v) };
  return save(store, s, expected, touched(next, now), [minutesVersionPut(store, v)]);
}

/** A correction after publishing: the next version with its reason; the earlier ones stay. */
export async function correctMinutes(
  store: Store,
  s: Session,
  input: MinutesCorrectionInput,
  by: Actor,
  now: Date,
  /** The request's own writes for the result (its idempotency completion), committed with it. */
  extra: (v: MinutesVersion) => TransactOp[] = () => [],
): Promise<MinutesVersion> {
  requireStatus(
    s,
    (st) => st === 'minutes_published',
    'its minutes are not published, so nothing to correct',
  );
  const { version: expected, reason, ...fields } = input;
  const current = s.minutes?.version ?? 1;
  // Minutes published before versions existed have no version 1 record: it is written now, from
  // what the session holds, so the corrected text is not the only one left.
  const hasFirst = current > 1 || (await getMinutesVersion(store, s.id, 1)) !== null;
  const at = now.toISOString();
  const earlier =
    hasFirst || !s.minutes
      ? []
      : [
          minutesVersionPut(
            store,
            await buildVersion(
              store,
              s,
              { text: s.minutes.text as MinutesFields['text'], attendance: s.minutes.attendance },
              1,
              by,
              s.minutes.publishedAt,
            ),
          ),
        ];
  const v = await buildVersion(store, s, fields, current + 1, by, at, { reason, at });
  await save(store, s, expected, touched({ ...s, minutes: summaryOf(v) }, now), [
    ...earlier,
    minutesVersionPut(store, v),
    ...extra(v),
  ]);
  return v;
}

/** The secretary sets the club's settings; one audit entry in the same transaction. */
export async function setClubSettings(
  store: Store,
  settings: { quorumRequired: number },
  by: Actor,
  now: Date,
): Promise<{ quorumRequired: number }> {
  await appendAuditEntry(
    store,
    {
      actorSub: by.sub,
      action: 'club.settings',
      at: now.toISOString(),
      record: clubSettingsAuditRecord(settings),
    },
    [clubSettingsPut(store, settings)],
  );
  return settings;
}
