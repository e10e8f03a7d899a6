/**
 * The session's broadcast and each agenda entry's recording link (with the time of day it starts):
 * shown on the agenda, in the minutes and on the item; set by the secretary after the session.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AgendaEntry } from '../../../shared/sessions';
import { call, client } from '../api/client';
import { formatDate } from '../format';
import { getLang, t } from '../i18n';
import { onSubmit, useFields } from '../ui/form';
import { Link } from '../ui/Link';
import { clubString } from './clubText';
import { type SessionView, sessionsApi } from './model';
import { itemRecordings, recordingDraft } from './viewLogic';

/** "Recording (from 15:40)" as a link, or nothing. */
export function RecordingLink({ recording }: { recording: AgendaEntry['recording'] }) {
  if (!recording) return null;
  return (
    <a
      href={recording.url}
      rel="noopener nofollow"
      className="recording-link"
      data-recording={recording.start}
    >
      {t('loop5.recording.link', { start: recording.start })}
    </a>
  );
}

/** The session's broadcast link, or nothing. */
export function BroadcastLink({ link }: { link: string | undefined }) {
  if (!link) return null;
  return (
    <a href={link} rel="noopener nofollow" className="broadcast-link">
      {t('loop5.recording.broadcast')}
    </a>
  );
}

/** Whether recordings may be linked: after the session is held. */
export const recordingsOpen = (s: Pick<SessionView, 'status'>) =>
  s.status === 'held' || s.status === 'minutes_published';

/** The secretary's form for one entry's recording; `save` runs it against the session shown. */
export function RecordingForm({
  entry,
  save,
}: {
  entry: AgendaEntry;
  save: (run: (cur: SessionView) => Promise<SessionView>, done: string) => Promise<boolean>;
}) {
  const f = useFields({
    url: entry.recording?.url ?? '',
    start: entry.recording?.start ?? entry.slot?.start ?? '',
  });
  const [error, setError] = useState('');
  const id = `rec-${entry.id}`;
  const submit = () => {
    const draft = recordingDraft(f.values.url, f.values.start);
    if (!draft.ok) {
      setError(t(`loop5.recording.${draft.reason}`));
      return;
    }
    setError('');
    void save(
      async (cur) =>
        (await call(
          client.PUT('/api/sessions/{id}/entries/{entryId}/recording', {
            params: { path: { id: cur.id, entryId: entry.id } },
            body: { version: cur.version, ...draft.body },
          }),
        )) as SessionView,
      t('loop5.recording.saved'),
    );
  };
  return (
    <details className="recording-form">
      <summary>{t('loop5.recording.set')}</summary>
      <form onSubmit={onSubmit(submit)}>
        <label for={`${id}-url`}>{t('loop5.recording.url')}</label>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          pattern="https://.*"
          maxLength={500}
          required
          {...f.bind('url')}
        />
        <label for={`${id}-start`}>{t('loop5.recording.start')}</label>
        <input id={`${id}-start`} type="time" required {...f.bind('start')} />
        {error ? <p role="alert">{error}</p> : null}
        <button type="submit">{t('loop5.recording.save')}</button>
      </form>
    </details>
  );
}

/** The minutes' list of recordings: each entry that has one, in agenda order. */
export function MinutesRecordings({
  session: s,
  titleOf,
}: {
  session: SessionView;
  titleOf: (entry: AgendaEntry) => string;
}) {
  const withRecording = s.entries.filter((e) => e.recording);
  if (!withRecording.length && !s.link) return null;
  return (
    <div className="minutes-recordings" data-testid="minutes-recordings">
      {s.link ? (
        <p>
          <BroadcastLink link={s.link} />
        </p>
      ) : null}
      {withRecording.length ? (
        <ul>
          {withRecording.map((e) => (
            <li key={e.id}>
              {`${titleOf(e)}: `}
              <RecordingLink recording={e.recording} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * On the item: the sessions that considered it (or will) with their broadcast and the entry's
 * recording, newest first. Published sessions only (drafts are not public).
 */
export function ItemRecordings({ itemId }: { itemId: string }) {
  const [rows, setRows] = useState<ReturnType<typeof itemRecordings<SessionView>> | null>(null);
  useEffect(() => {
    let alive = true;
    sessionsApi.forItem(itemId).then(
      (r) => alive && setRows(itemRecordings(r.sessions, itemId)),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [itemId]);
  if (!rows?.length) return null;
  const lang = getLang();
  return (
    <div className="item-recordings" data-testid="item-recordings">
      <h4>{t('loop5.recording.list')}</h4>
      <ul>
        {rows.map(({ session: s, recording }) => (
          <li key={s.id}>
            <Link
              href={`/sessions/${s.id}`}
            >{`${clubString(s.title)} (${formatDate(s.startUtc, lang)})`}</Link>
            {s.link ? (
              <>
                {' · '}
                <BroadcastLink link={s.link} />
              </>
            ) : null}
            {recording ? (
              <>
                {' · '}
                <RecordingLink recording={recording} />
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
