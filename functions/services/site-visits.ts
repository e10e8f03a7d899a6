/**
 * Site visits: someone signed in records what they saw at an item, point by point, with photos and
 * an overall verdict; the visit is public and on the audit chain, and the item's counts ("visited 4
 * times, 3 found problems", "confirmed on site by N people") move in the same transaction.
 *
 * Presence is stated, never proven: the phone's reported position and a photo's EXIF GPS (read by
 * the upload pipeline before the photo was re-encoded) become distances to the item's point or
 * line. The positions themselves stay in a private record that no route reads.
 *
 *   visit      pk ITEM#<itemId>   sk VISIT#<visitId>         public fields + visitorSub (never shown)
 *   visitor's  byUser gsi6pk USER#<sub>  gsi6sk VISIT#<visitId>   (on the visit; export and erasure)
 *   counts     pk ITEM#<itemId>   sk VISITCOUNT              visits, withProblems, onSite,
 *                                                            confirmed#<milestoneId>, contested#<milestoneId>
 *   stance     pk ITEM#<itemId>   sk GROUND#<milestoneId>#<sub>   one person's latest stance (counts people, not visits)
 *   position   pk VISITPOS#<id>   sk POSITION                phone and photo positions (private;
 *                                                            expiresAt = TTL, POSITION_RETENTION_DAYS)
 */
import { ulid } from 'ulid';
import { CONSENT_VERSIONS } from '../../shared/consents';
import { distanceToItem } from '../../shared/distance';
import type { Item } from '../../shared/item';
import type { Visibility } from '../../shared/moderation';
import type { ProblemCode } from '../../shared/problem-codes';
import type { Principal } from '../../shared/users';
import {
  checklistFor,
  MAX_USEFUL_ACCURACY_METRES,
  type MilestoneStance,
  ON_SITE_METRES,
  type PresenceSignal,
  roundUpDistance,
  type VisitInput,
  type VisitSummary,
  type VisitView,
  visitFoundProblems,
} from '../../shared/visits';
import { appendAuditEntry, StaleWriteError, type TransactOp } from '../audit/chain';
import { visitAuditRecord } from '../audit/records';
import {
  claimUploadOp,
  getUpload,
  isClaimableBy,
  toStoredAttachment,
  type UploadRecord,
} from '../blobs/uploads';
import type { Store } from '../data/client';
import { toAttachmentView } from '../data/comments';
import { IdempotencyFencedError } from '../data/idempotency';
import { groundOnUpdateOp } from '../data/progress-updates';
import {
  fromVisitRow,
  getVisitCounts,
  getVisitRecord,
  getVisitStance,
  listVisitRecords,
  shownVisitCountOp,
  type VisitRecord,
  visitCountOp,
  visitModerationOp,
  visitPositionPutOp,
  visitPutOp,
  visitStancePutOp,
} from '../data/visits';
import { giveConsent, hasConsent } from './consents';
import type { ContentKind, ModeratedContent, VisibilityChange } from './moderation';
import { getProgressUpdate } from './progress-updates';

/** Private positions are kept this long, then DynamoDB's TTL removes them (README, "Retention"). */
export const POSITION_RETENTION_DAYS = 90;

export { fromVisitRow, type VisitRecord };

/** A refusal the route turns into a 400 on `field`. */
export class VisitRuleError extends Error {
  constructor(
    readonly field: string,
    readonly code: ProblemCode,
    message: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

interface PhotoPlace {
  uploadId: string;
  lat: number;
  lon: number;
  takenAt?: string;
}

/**
 * The calendar day of an EXIF DateTimeOriginal ("2026:05:14 10:22:01", the camera's local time,
 * no zone; Kazakhstan keeps one zone, so it is read as an Almaty date), or undefined when unreadable.
 */
export function exifDay(takenAt: string | undefined): string | undefined {
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})/.exec(takenAt ?? '');
  if (!m || m[1] === '0000') return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * Distance signals from what was reported; no coordinates leave this function. A photo's capture
 * day, when its EXIF gives one, is compared with the visit's date (`visitedOn`): taken on another
 * day, it does not place this visit on site.
 */
export function presenceSignals(
  item: Pick<Item, 'location'>,
  phone: VisitInput['position'],
  photos: PhotoPlace[],
  visitedOn?: string,
): PresenceSignal[] {
  const signals: PresenceSignal[] = [];
  const place = item.location as Parameters<typeof distanceToItem>[1];
  if (phone) {
    const d = distanceToItem([phone.lon, phone.lat], place);
    signals.push({
      source: 'phone',
      withinMetres: roundUpDistance(d),
      accuracyMetres: roundUpDistance(phone.accuracy),
      onSite: d <= ON_SITE_METRES && phone.accuracy <= MAX_USEFUL_ACCURACY_METRES,
    });
  }
  // The nearest photo speaks for the photos: one signal, however many were taken.
  const nearest = photos
    .map((p) => ({ p, d: distanceToItem([p.lon, p.lat], place) }))
    .sort((a, b) => a.d - b.d)[0];
  if (nearest !== undefined) {
    const day = exifDay(nearest.p.takenAt);
    const takenOn = day && visitedOn ? (day === visitedOn ? 'visit_day' : 'other_day') : undefined;
    signals.push({
      source: 'photo',
      withinMetres: roundUpDistance(nearest.d),
      onSite: nearest.d <= ON_SITE_METRES && takenOn !== 'other_day',
      ...(takenOn ? { takenOn } : {}),
    });
  }
  return signals;
}

async function claimablePhotos(store: Store, visitor: Principal, input: VisitInput) {
  const uploads = new Map<string, UploadRecord>();
  const ids = input.checks.flatMap((c) => c.photos);
  for (const [index, id] of ids.entries()) {
    const u = await getUpload(store, id);
    // Photos only: a PDF or a detached signature file is not a photo of the site.
    if (!isClaimableBy(u, visitor.sub) || !u.type?.startsWith('image/'))
      throw new VisitRuleError('checks', 'attachment.unusable', `Photo ${id} cannot be used.`, { index });
    uploads.set(id, u);
  }
  return uploads;
}

/**
 * Records a visit. `extraOps` (the Idempotency-Key's completion) commit in the same transaction,
 * given the view the caller will be answered with.
 */
export async function recordVisit(
  store: Store,
  item: Item,
  visitor: Principal,
  input: VisitInput,
  clock: { now: Date },
  extraOps: (v: VisitRecord) => TransactOp[] = () => [],
): Promise<VisitRecord> {
  const allowed = new Set<string>(checklistFor(item.category));
  input.checks.forEach((c, i) => {
    if (!allowed.has(c.point))
      throw new VisitRuleError(
        `checks.${i}.point`,
        'visit.point_not_in_checklist',
        `"${c.point}" is not on the checklist of a ${item.category} item.`,
        { point: c.point },
      );
  });
  if (input.milestone) {
    const m = item.milestones.find((x) => x.id === input.milestone?.milestoneId);
    if (m?.status !== 'met')
      throw new VisitRuleError(
        'milestone.milestoneId',
        'visit.milestone_not_met',
        'Only a milestone the item reports as met can be confirmed or contested.',
        { milestoneId: input.milestone.milestoneId },
      );
  }
  if (input.updateId && !(await getProgressUpdate(store, item.id, input.updateId)))
    throw new VisitRuleError(
      'updateId',
      'visit.update_unknown',
      `The item has no progress update ${input.updateId}.`,
      { updateId: input.updateId },
    );
  const uploads = await claimablePhotos(store, visitor, input);
  // Positions only with consent (services/consents.ts): given in this visit's form, or before.
  if (input.positionConsent === CONSENT_VERSIONS.positions)
    await giveConsent(store, visitor.sub, 'positions', input.positionConsent, clock.now);
  const positionsAllowed = await hasConsent(store, visitor.sub, 'positions');
  const phone = positionsAllowed ? input.position : undefined;
  const photoPlaces: PhotoPlace[] = [...uploads.values()].flatMap((u) =>
    u.gps && positionsAllowed
      ? [{ uploadId: u.id, lat: u.gps.lat, lon: u.gps.lon, ...(u.takenAt ? { takenAt: u.takenAt } : {}) }]
      : [],
  );
  const presence = presenceSignals(item, phone, photoPlaces, input.visitedOn);
  const at = clock.now.toISOString();
  const record: VisitRecord = {
    id: ulid(clock.now.getTime()),
    itemId: item.id,
    visitorSub: visitor.sub,
    visitorName: visitor.name,
    visitedOn: input.visitedOn,
    recordedAt: at,
    checks: input.checks.map((c) => ({
      point: c.point,
      result: c.result,
      ...(c.note ? { note: c.note } : {}),
      photos: c.photos.map((id) => toStoredAttachment(uploads.get(id)!)),
    })),
    verdict: input.verdict,
    ...(input.note ? { note: input.note } : {}),
    ...(input.milestone ? { milestone: input.milestone } : {}),
    ...(input.updateId ? { updateId: input.updateId } : {}),
    foundProblems: visitFoundProblems(input),
    presence,
    onSite: presence.some((s) => s.onSite),
  };

  const ops: TransactOp[] = [visitPutOp(store, record)];
  const stance = input.milestone
    ? await stanceChange(store, item.id, visitor.sub, input.milestone)
    : { ops: [], deltas: {} };
  ops.push(visitCountOp(store, item.id, record, stance.deltas), ...stance.ops);
  const side = input.updateId ? groundSide(input) : undefined;
  if (input.updateId && side) ops.push(groundOnUpdateOp(store, item.id, input.updateId, side));
  if (phone || photoPlaces.length) {
    ops.push(
      visitPositionPutOp(store, record.id, {
        itemId: item.id,
        expiresAt: Math.floor(clock.now.getTime() / 1000) + POSITION_RETENTION_DAYS * 86_400,
        ...(phone ? { phone } : {}),
        photos: photoPlaces,
      }),
    );
  }
  for (const id of uploads.keys())
    ops.push(claimUploadOp(store, id, visitor.sub, item.id, { visitId: record.id }));
  const firstExtra = ops.length;
  ops.push(...extraOps(record));
  try {
    await appendAuditEntry(
      store,
      { actorSub: visitor.sub, action: 'visit.record', at, record: visitAuditRecord(record) },
      ops,
    );
  } catch (err) {
    if (err instanceof StaleWriteError) {
      if (err.index >= firstExtra) throw new IdempotencyFencedError();
      throw new VisitRuleError(
        'checks',
        'state.conflict',
        'A photo or a stance changed at the same moment; send the visit again.',
      );
    }
    throw err;
  }
  return record;
}

/**
 * How a visit referring to a progress update counts on it: its milestone stance when it gives one,
 * else its verdict; "cannot tell" counts on neither side.
 */
export function groundSide(
  input: Pick<VisitInput, 'milestone' | 'verdict'>,
): 'confirmed' | 'contested' | undefined {
  if (input.milestone) return input.milestone.stance === 'confirm' ? 'confirmed' : 'contested';
  if (input.verdict === 'matches') return 'confirmed';
  if (input.verdict === 'does_not_match') return 'contested';
  return undefined;
}

/**
 * A person counts once per milestone: their latest stance. A first stance adds one; a changed
 * stance moves their count from one side to the other; the same stance again changes nothing.
 * Returns the stance record's write (conditional on what was read) and the counts' deltas.
 */
async function stanceChange(
  store: Store,
  itemId: string,
  sub: string,
  m: MilestoneStance,
): Promise<{ ops: TransactOp[]; deltas: Record<string, number> }> {
  const key = { itemId, milestoneId: m.milestoneId, sub };
  const before = await getVisitStance(store, key);
  if (before === m.stance) return { ops: [], deltas: {} };
  const side = (s: MilestoneStance['stance']) =>
    `${s === 'confirm' ? 'confirmed' : 'contested'}#${m.milestoneId}`;
  return {
    ops: [visitStancePutOp(store, key, m.stance, before)],
    deltas: { [side(m.stance)]: 1, ...(before ? { [side(before)]: -1 } : {}) },
  };
}

/**
 * The item's visit counts. This is what the integrity lens reads for R-SITE-CONTESTED:
 * `withProblems` (visits that found a problem or said the site does not match) and, per milestone,
 * how many people confirmed or contested it on the ground. One GetItem, no Scan.
 */
export async function getVisitSummary(store: Store, itemId: string): Promise<VisitSummary> {
  const r = await getVisitCounts(store, itemId);
  const num = (k: string) => Number(r[k] ?? 0);
  const milestones = new Map<string, { milestoneId: string; confirmed: number; contested: number }>();
  for (const k of Object.keys(r)) {
    const m = /^(confirmed|contested)#(.+)$/.exec(k);
    if (!m) continue;
    const id = m[2]!;
    const entry = milestones.get(id) ?? { milestoneId: id, confirmed: 0, contested: 0 };
    entry[m[1] as 'confirmed' | 'contested'] = num(k);
    milestones.set(id, entry);
  }
  return {
    visits: num('visits'),
    withProblems: num('withProblems'),
    onSite: num('onSite'),
    milestones: [...milestones.values()].sort((a, b) => a.milestoneId.localeCompare(b.milestoneId)),
  };
}

/** The item's visits, newest first. */
export async function listVisits(store: Store, itemId: string): Promise<VisitRecord[]> {
  return listVisitRecords(store, itemId);
}

/** A visit readers may see: not hidden, whether pending review or by a moderator. */
export const isVisitShown = (v: Pick<VisitRecord, 'visibility'>) => (v.visibility ?? 'visible') === 'visible';

/** Whether a visit's photo may be served: the visit is shown and the photo not hidden on its own. */
export const isVisitPhotoShown = (v: VisitRecord, uploadId: string) =>
  isVisitShown(v) && !v.hiddenPhotos?.[uploadId];

export async function getVisit(store: Store, itemId: string, id: string): Promise<VisitRecord | null> {
  return getVisitRecord(store, itemId, id);
}

/** What anyone may see: no account id; the viewer's own visits marked; photos a moderator hid left out. */
export function toVisitView(v: VisitRecord, viewerSub?: string): VisitView {
  return {
    id: v.id,
    itemId: v.itemId,
    visitedOn: v.visitedOn,
    recordedAt: v.recordedAt,
    visitorName: v.visitorName,
    ...(viewerSub && viewerSub === v.visitorSub ? { mine: true } : {}),
    checks: v.checks.map((c) => ({
      point: c.point,
      result: c.result,
      ...(c.note ? { note: c.note } : {}),
      photos: c.photos.filter((p) => !v.hiddenPhotos?.[p.id]).map(toAttachmentView),
    })),
    verdict: v.verdict,
    ...(v.note ? { note: v.note } : {}),
    ...(v.milestone ? { milestone: v.milestone } : {}),
    ...(v.updateId ? { updateId: v.updateId } : {}),
    foundProblems: v.foundProblems,
    presence: v.presence,
    onSite: v.onSite,
  };
}

// ── Moderation (issue 20): a visit report and each of its photos are content kinds ──────────────

/** The visit after a moderation change: what is written and what the chain's visit record hashes. */
function moderatedVisit(
  v: VisitRecord,
  visibility: Visibility,
  hiddenReason: string | undefined,
  hiddenPhotos: Record<string, string>,
): VisitRecord {
  const { hiddenReason: _old, ...rest } = v;
  return {
    ...rest,
    visibility,
    ...(hiddenReason ? { hiddenReason } : {}),
    hiddenPhotos,
    modVersion: (v.modVersion ?? 0) + 1,
  };
}

/**
 * A visit readers cannot see does not count either: when a decision takes a visit out of view
 * (hidden, or pending review after the flag threshold) its share of the item's counts and of a
 * progress update's ground counts is taken back, and a restore gives it back, in the moderation
 * change's own transaction. Hidden to pending (or back) changes nothing. A person's milestone stance
 * (people, not visits) is left as it is: it is their latest stance, which one hidden report does
 * not unambiguously withdraw.
 */
export function shownCountOps(store: Store, before: VisitRecord, after: VisitRecord): TransactOp[] {
  const delta = Number(isVisitShown(after)) - Number(isVisitShown(before));
  if (delta === 0) return [];
  const ops: TransactOp[] = [shownVisitCountOp(store, before.itemId, before, delta)];
  const side = before.updateId ? groundSide(before) : undefined;
  if (before.updateId && side) ops.push(groundOnUpdateOp(store, before.itemId, before.updateId, side, delta));
  return ops;
}

/** A visit report as moderators read it: its notes (or its verdict when it has none). */
function visitText(v: VisitRecord): string {
  const notes = [v.note, ...v.checks.map((c) => c.note)].filter((n): n is string => Boolean(n));
  return notes.length ? notes.join('\n') : v.verdict;
}

/** Id `<itemId>_<visitId>`: hiding it takes the whole report (and its photos) off the item's page. */
export const visitKind: ContentKind = {
  kind: 'visit',
  async load(store, id) {
    const [itemId, visitId, ...rest] = id.split('_');
    if (!itemId || !visitId || rest.length) return null;
    const v = await getVisit(store, itemId, visitId);
    if (!v) return null;
    return { kind: 'visit', id, itemId, ownerSub: v.visitorSub, text: visitText(v), snapshot: v };
  },
  showAs(store, content, change) {
    const v = content.snapshot as VisitRecord;
    const after = afterVisitChange(v, change);
    return [visitModerationOp(store, v, after), ...shownCountOps(store, v, after)];
  },
  // The visit's own chain record carries its moderation state, so the chain and the stored visit agree.
  auditRecord(content, change) {
    const v = content.snapshot as VisitRecord;
    return visitAuditRecord(afterVisitChange(v, change));
  },
};

function afterVisitChange(v: VisitRecord, change: VisibilityChange): VisitRecord {
  const hide = change.visibility !== 'visible';
  return moderatedVisit(v, change.visibility, hide ? (change.reason ?? 'other') : undefined, {
    ...(v.hiddenPhotos ?? {}),
  });
}

interface PhotoSnapshot {
  visit: VisitRecord;
  uploadId: string;
}

function afterPhotoChange({ visit, uploadId }: PhotoSnapshot, change: VisibilityChange): VisitRecord {
  const photos = { ...(visit.hiddenPhotos ?? {}) };
  if (change.visibility === 'visible') delete photos[uploadId];
  else photos[uploadId] = change.reason ?? 'other';
  return moderatedVisit(visit, visit.visibility ?? 'visible', visit.hiddenReason, photos);
}

/** Id: the photo's upload id. Hiding it takes that photo off the visit and stops its download. */
export const visitPhotoKind: ContentKind = {
  kind: 'visit_photo',
  async load(store, id): Promise<ModeratedContent | null> {
    const upload = await getUpload(store, id);
    if (!upload?.visitId || !upload.itemId) return null;
    const visit = await getVisit(store, upload.itemId, upload.visitId);
    const photo = visit?.checks.flatMap((c) => c.photos).find((p) => p.id === id);
    if (!visit || !photo) return null;
    const snapshot: PhotoSnapshot = { visit, uploadId: id };
    return {
      kind: 'visit_photo',
      id,
      itemId: visit.itemId,
      ownerSub: visit.visitorSub,
      text: photo.name,
      snapshot,
    };
  },
  showAs(store, content, change) {
    const snap = content.snapshot as PhotoSnapshot;
    return [visitModerationOp(store, snap.visit, afterPhotoChange(snap, change))];
  },
  auditRecord(content, change) {
    return visitAuditRecord(afterPhotoChange(content.snapshot as PhotoSnapshot, change));
  },
};
