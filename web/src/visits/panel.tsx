/**
 * The item panel's "Visits" section: the item's counts ("visited 4 times, 3 found problems",
 * "confirmed on site by N people"), each visit with what it found and how far from the item the
 * visitor reported being (never where), and the phone-first visit form. The phone's position is
 * read (Geolocation API, with its accuracy) when a photo is attached; it goes to the hub, which
 * keeps it privately and answers with a distance only.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { CONSENT_VERSIONS } from '../../../shared/consent-versions';
import { pickText } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import { can } from '../../../shared/policy';
import type { ProgressUpdateList, ProgressUpdateView } from '../../../shared/progress-updates';
import { CHECK_RESULTS, type CheckPoint, checklistFor, VERDICTS } from '../../../shared/visit-checklist';
import type { ReportedPosition, VisitList, VisitView } from '../../../shared/visits';
import { api } from '../api';
import { formatDate, formatKzt } from '../format';
import { getLang, t } from '../i18n';
import { ReportContent } from '../moderation/reportContent';
import { ConsentText, consentOf } from '../privacy/consent';
import { problemText } from '../problemText';
import { onSubmit, useFields } from '../ui/form';
import { mount } from '../ui/mount';
import { useMounted } from '../ui/mounted';
import { SignInLink } from '../ui/SignInLink';
import { signedIn, userKnown } from '../ui/user';
import { flushOutbox, listDrafts, onOutboxChange, saveDraft, sendDraft, type VisitDraft } from './outbox';
import { presenceText, type VisitFields, visitInput, visitPhotos } from './viewLogic';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());

export function renderVisitsSection(container: HTMLElement, item: ItemView): () => void {
  return mount(container, <VisitsSection item={item} />);
}

function VisitsSection({ item }: { item: ItemView }) {
  const alive = useMounted();
  const [visits, setVisits] = useState<VisitList | null>(null);
  const [failed, setFailed] = useState(false);
  const [drafts, setDrafts] = useState<VisitDraft[]>([]);
  const [loads, setLoads] = useState(0);
  /** After a visit is sent or saved, and whenever the outbox changes, the section is read again. */
  const refresh = () => setLoads((n) => n + 1);

  useEffect(() => {
    const stop = onOutboxChange(refresh);
    void flushOutbox().catch(() => undefined);
    return stop;
  }, []);
  useEffect(() => {
    listDrafts().then(
      (all) => alive.current && setDrafts(all.filter((d) => d.itemId === item.id)),
      () => undefined,
    );
    api<VisitList>(`/api/items/${item.id}/visits`).then(
      (res) => {
        if (!alive.current) return;
        setVisits(res);
        setFailed(false);
      },
      () => alive.current && setFailed(true),
    );
  }, [item.id, loads]);

  return (
    <>
      <h3 id="panel-visits">{t('visits.title')}</h3>
      <div className="v-summary-box">{visits ? <Summary item={item} summary={visits.summary} /> : null}</div>
      <div className="v-pending-box">
        {drafts.length ? (
          <p className="v-pending" role="status">
            {t('visits.pending', { count: drafts.length })}
            {drafts.some((d) => d.refused) ? ` ${t('visits.pendingRefused')}` : ''}
          </p>
        ) : null}
      </div>
      <div className="v-list">
        {failed
          ? t('visits.loadFailed')
          : visits
            ? visits.visits.map((v) => <VisitCard key={v.id} v={v} />)
            : t('visits.loading')}
      </div>
      <div>
        <FormSlot item={item} afterSend={refresh} />
      </div>
    </>
  );
}

function Summary({ item, summary: s }: { item: ItemView; summary: VisitList['summary'] }) {
  const lang = getLang();
  return (
    <>
      <p className="v-summary">
        {s.visits === 0
          ? t('visits.none')
          : `${t('visits.count', { count: s.visits })} · ${t('visits.withProblems', { n: s.withProblems })}`}
      </p>
      {s.milestones.map((m) => {
        const ms = item.milestones.find((x) => x.id === m.milestoneId);
        return (
          <p key={m.milestoneId} className="v-ground" data-milestone={m.milestoneId}>
            {`${ms ? pickText(ms.title, lang) : m.milestoneId}: `}
            {m.contested > 0
              ? t('visits.ground.contested', { count: m.contested })
              : t('visits.ground.confirmed', { count: m.confirmed })}
          </p>
        );
      })}
    </>
  );
}

function VisitCard({ v }: { v: VisitView }) {
  const mine = v.mine ?? false;
  return (
    <article className={`v-card${v.foundProblems ? ' has-problems' : ''}`} data-visit-id={v.id}>
      <p>
        <strong>{v.visitorName}</strong>
        {` · ${formatDate(v.visitedOn, getLang())}`}
      </p>
      <p className="v-verdict">{t(`visits.verdict.${v.verdict}`)}</p>
      <p className="v-presence" data-on-site={String(v.onSite)}>
        {presenceText(v)}
      </p>
      <ul className="v-checks">
        {v.checks.map((c) => (
          <li key={c.point}>
            {`${t(`visits.point.${c.point}`)}: `}
            <span className={`v-result-${c.result}`}>{t(`visits.result.${c.result}`)}</span>
            {c.note ? ` — ${c.note}` : ''}
            {c.photos.length ? ` (${t('visits.photos', { count: c.photos.length })})` : ''}
            {c.photos.length ? <PhotoList point={c.point} photos={c.photos} mine={mine} /> : null}
          </li>
        ))}
      </ul>
      {v.milestone ? <p>{t(`visits.stance.${v.milestone.stance}`)}</p> : null}
      {v.note ? <p>{v.note}</p> : null}
      <ReportContent kind="visit" id={`${v.itemId}_${v.id}`} mine={mine} />
    </article>
  );
}

/**
 * A check's photos (public copies, stripped of their positions), each with its own "Flag": a photo is
 * moderated on its own (kind `visit_photo`, id: its upload id), so one with a face or a plate can be
 * hidden while the report stays up.
 */
function PhotoList({
  point,
  photos,
  mine,
}: {
  point: string;
  photos: VisitView['checks'][number]['photos'];
  mine: boolean;
}) {
  return (
    <ul className="v-photos">
      {photos.map((p, i) => {
        const label = t('visits.photoOf', { n: i + 1, point: t(`visits.point.${point}`) });
        return (
          <li key={p.id} data-photo-id={p.id}>
            <a href={p.url} target="_blank" rel="noopener">
              {p.thumbnailUrl ? <img src={p.thumbnailUrl} alt={label} loading="lazy" /> : label}
            </a>
            <ReportContent kind="visit_photo" id={p.id} mine={mine} />
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The visit form for those who may record visits (with the body's updates a visit can check; without
 * them, or offline, the form still works), "Sign in to record a visit" for others, nothing until the
 * API has said who is signed in.
 */
function FormSlot({ item, afterSend }: { item: ItemView; afterSend: () => void }) {
  const alive = useMounted();
  const me = userKnown.value ? signedIn() : null;
  const may = userKnown.value && can(me, 'visits.record');
  const [updates, setUpdates] = useState<ProgressUpdateView[] | null>(null);
  useEffect(() => {
    if (!may) return;
    api<ProgressUpdateList>(`/api/items/${item.id}/progress-updates`).then(
      (r) => alive.current && setUpdates(r.updates),
      () => alive.current && setUpdates([]),
    );
  }, [item.id, may]);
  if (!userKnown.value) return null;
  if (!may)
    return (
      <p>
        <SignInLink label={t('visits.signIn')} />
      </p>
    );
  return updates ? <VisitForm item={item} updates={updates} afterSend={afterSend} /> : null;
}

/** One line naming an update in the visit form: its day and what it reported first. */
function updateLabel(item: ItemView, u: ProgressUpdateView): string {
  const lang = getLang();
  const m = u.milestone && item.milestones.find((x) => x.id === u.milestone?.milestoneId);
  const summary = m
    ? pickText(m.title, lang)
    : u.status
      ? t(`status.${u.status.after}`)
      : u.expectedEnd
        ? formatDate(u.expectedEnd.after, lang)
        : u.spent
          ? formatKzt(u.spent.after, lang)
          : '';
  return t('evidence.visit.updateOption', { date: formatDate(u.postedAt.slice(0, 10), lang), summary });
}

const emptyVisit = (): VisitFields => ({
  visitedOn: today(),
  verdict: VERDICTS[0],
  stance: '',
  updateId: '',
  note: '',
  results: {},
  positionConsent: false,
});

function VisitForm({
  item,
  updates,
  afterSend,
}: {
  item: ItemView;
  updates: ProgressUpdateView[];
  afterSend: () => void;
}) {
  const alive = useMounted();
  const id = `v-${useId()}`;
  const lang = getLang();
  const f = useFields(emptyVisit);
  /** Files attached per point; the file inputs themselves are new after each send (`sends`). */
  const [photos, setPhotos] = useState<Partial<Record<CheckPoint, File[]>>>({});
  const [sends, setSends] = useState(0);
  const [where, setWhere] = useState('');
  const [status, setStatus] = useState('');
  const [sending, setSending] = useState(false);
  // Positions only with consent (issue 20): given before (stored), or ticked here; a visit saved
  // offline carries the ticked consent with it (`positionConsent`).
  // Offline the stored answer cannot be read: the box is offered at once.
  const [consentStored, setConsentStored] = useState<boolean | null>(navigator.onLine ? null : false);
  const position = useRef<ReportedPosition | undefined>(undefined);
  const points = checklistFor(item.category);
  const met = item.milestones.filter((m) => m.status === 'met');

  useEffect(() => {
    if (!navigator.onLine) return;
    consentOf('positions').then(
      (c) => alive.current && setConsentStored(!!c?.given),
      () => alive.current && setConsentStored(false),
    );
  }, []);

  /** Reads the phone's position when a photo is attached; keeps the most precise reading. */
  const readPosition = (allowed: boolean) => {
    if (!('geolocation' in navigator) || !allowed) return;
    setWhere(t('visits.form.locating'));
    navigator.geolocation.getCurrentPosition(
      (p) => {
        if (!alive.current) return;
        const best = position.current;
        if (!best || p.coords.accuracy < best.accuracy)
          position.current = {
            lat: p.coords.latitude,
            lon: p.coords.longitude,
            accuracy: Math.round(p.coords.accuracy),
            at: new Date(p.timestamp).toISOString(),
          };
        setWhere(t('visits.form.located', { n: position.current?.accuracy ?? 0 }));
      },
      () => alive.current && setWhere(t('visits.form.noPosition')),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  const positionsAllowed = consentStored || f.values.positionConsent;

  const submit = async () => {
    const input = visitInput(f.values, points, {
      position: position.current,
      positionsAllowed,
      consentVersion: CONSENT_VERSIONS.positions,
    });
    if (!input) {
      setStatus(t('visits.form.needOne'));
      return;
    }
    const draft: VisitDraft = {
      key: crypto.randomUUID(),
      itemId: item.id,
      input,
      photos: visitPhotos(f.values, points, photos),
      savedAt: new Date().toISOString(),
    };
    setSending(true);
    try {
      // Kept on the phone first: if the send fails for want of signal, nothing is lost.
      await saveDraft(draft);
      f.reset(emptyVisit());
      setPhotos({});
      setSends((n) => n + 1);
      position.current = undefined;
      setWhere('');
      if (input.positionConsent) setConsentStored(true);
      try {
        await sendDraft(draft);
        setStatus(t('visits.form.sent'));
      } catch (err) {
        setStatus(
          err instanceof TypeError || !navigator.onLine ? t('visits.form.savedOffline') : problemText(err),
        );
      }
      afterSend();
    } finally {
      if (alive.current) setSending(false);
    }
  };

  return (
    <form className="v-form" aria-label={t('visits.form.title')} onSubmit={onSubmit(() => void submit())}>
      <h4>{t('visits.form.title')}</h4>
      <p className="v-hint">{t('visits.form.hint')}</p>
      <div className="v-point">
        <label for={`${id}-date`}>{t('visits.form.date')}</label>
        <input type="date" id={`${id}-date`} max={today()} required {...f.bind('visitedOn')} />
      </div>
      {/* Nothing until the stored answer is known, so a box being ticked never turns into a line. */}
      <div
        className="v-consent"
        data-consent-state={consentStored === null ? 'checking' : consentStored ? 'given' : 'asked'}
      >
        {consentStored === null ? null : consentStored ? (
          <p>{t('ops7.consent.positions.given')}</p>
        ) : (
          <>
            <label for={`${id}-pos-consent`}>
              <input
                type="checkbox"
                id={`${id}-pos-consent`}
                name="positionConsent"
                data-consent="positions"
                checked={f.values.positionConsent}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  f.set('positionConsent', checked);
                  if (checked && Object.values(photos).some((files) => files?.length)) readPosition(true);
                }}
              />{' '}
              {t('ops7.consent.positions.checkbox')}
            </label>
            <ConsentText purpose="positions" />
          </>
        )}
      </div>
      <fieldset>
        <legend>{t('visits.form.checklist')}</legend>
        {points.map((point) => (
          <div key={point} className="v-point">
            <label for={`${id}-${point}`}>{t(`visits.point.${point}`)}</label>
            <select
              id={`${id}-${point}`}
              name={point}
              value={f.values.results[point] ?? ''}
              onInput={(e) => {
                const result = e.currentTarget.value as VisitFields['results'][CheckPoint];
                f.update('results', (r) => ({ ...r, [point]: result }));
              }}
            >
              <option value="">{t('visits.result.skip')}</option>
              {CHECK_RESULTS.map((r) => (
                <option key={r} value={r}>
                  {t(`visits.result.${r}`)}
                </option>
              ))}
            </select>
            <input
              key={sends}
              type="file"
              name={`${point}-photos`}
              accept="image/jpeg,image/png,image/webp"
              capture="environment"
              multiple
              aria-label={t('visits.form.photoFor', { point: t(`visits.point.${point}`) })}
              onChange={(e) => {
                const files = [...(e.currentTarget.files ?? [])];
                setPhotos((p) => ({ ...p, [point]: files }));
                if (files.length) readPosition(positionsAllowed);
              }}
            />
          </div>
        ))}
      </fieldset>
      <p className="v-where" role="status">
        {where}
      </p>
      <div className="v-point">
        <label for={`${id}-verdict`}>{t('visits.form.verdict')}</label>
        <select id={`${id}-verdict`} required {...f.bind('verdict')}>
          {VERDICTS.map((v) => (
            <option key={v} value={v}>
              {t(`visits.verdict.${v}`)}
            </option>
          ))}
        </select>
      </div>
      {met.length ? (
        <div className="v-point">
          <label for={`${id}-milestone`}>{t('visits.form.milestone')}</label>
          <select id={`${id}-milestone`} {...f.bind('stance')}>
            <option value="">{t('visits.form.noStance')}</option>
            {met.flatMap((m) =>
              (['confirm', 'contest'] as const).map((s) => (
                <option key={`${s}:${m.id}`} value={`${s}:${m.id}`}>
                  {`${t(`visits.stance.${s}`)}: ${pickText(m.title, lang)}`}
                </option>
              )),
            )}
          </select>
        </div>
      ) : null}
      {updates.length ? (
        <div className="v-point">
          <label for={`${id}-update`}>{t('evidence.visit.update')}</label>
          <select id={`${id}-update`} {...f.bind('updateId')}>
            <option value="">{t('evidence.visit.noUpdate')}</option>
            {updates.map((u) => (
              <option key={u.id} value={u.id}>
                {updateLabel(item, u)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="v-point">
        <label for={`${id}-note`}>{t('visits.form.note')}</label>
        <textarea id={`${id}-note`} rows={3} maxLength={2000} {...f.bind('note')} />
      </div>
      <button type="submit" disabled={sending}>
        {t('visits.form.submit')}
      </button>
      <p role="status" className="v-status">
        {status}
      </p>
    </form>
  );
}
