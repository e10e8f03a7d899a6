/**
 * Recording links of a session's agenda entries (issue 21, deliver 4): after the session the
 * secretary links each entry to its part of the recording (https) and the time of day it starts,
 * which must be a real time within the session. The link is part of the session record, so it
 * reaches the agenda, the minutes and the item with the session, and goes on the audit chain with it.
 */
import { recordingStartWithin } from '../../shared/agenda-timing';
import type { RecordingInput, Session } from '../../shared/sessions';
import { ConflictError, NotFoundError } from '../api/problems';
import { requireStatus, save, touched } from './sessions';

export async function setEntryRecording(
  store: Parameters<typeof save>[0],
  s: Session,
  entryId: string,
  input: RecordingInput,
  now: Date,
): Promise<Session> {
  requireStatus(
    s,
    (st) => st === 'held' || st === 'minutes_published',
    'recordings are linked after it is held',
  );
  if (!s.entries.some((e) => e.id === entryId))
    throw new NotFoundError(`No agenda entry ${entryId} in this session.`);
  const within = recordingStartWithin(s.startsAt, s.durationMinutes, input.start);
  if (!within.ok)
    throw new ConflictError(
      `The recording starts at ${input.start}, outside the session (${within.windowStart}–${within.windowEnd}).`,
      {
        code: 'session.recording_outside',
        params: { start: input.start, windowStart: within.windowStart, windowEnd: within.windowEnd },
      },
    );
  const entries = s.entries.map((e) =>
    e.id === entryId ? { ...e, recording: { url: input.url, start: input.start } } : e,
  );
  return save(store, s, input.version, touched({ ...s, entries }, now));
}
