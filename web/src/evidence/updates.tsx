/**
 * The item panel's "Updates from the body": each progress update an official of the item's body
 * posted (a milestone met with its evidence, the amount spent, a status, a new end date and why),
 * with what site visits that referred to it found. Officials of the body post one from here.
 */
import { useEffect, useState } from 'preact/hooks';
import { ITEM_STATUSES } from '../../../shared/categories';
import { pickText } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import type { ProgressUpdateList, ProgressUpdateView } from '../../../shared/progress-updates';
import { api } from '../api';
import { canDo } from '../auth';
import { formatDate, formatKzt } from '../format';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';
import { onSubmit, useFields } from '../ui/form';
import { mount } from '../ui/mount';
import { userKnown } from '../ui/user';
import { withSignatures } from './document-link';
import { DocumentLink } from './document-list';
import { OFFICIAL_FILE_ACCEPT, uploadOfficialFiles } from './officialFiles';
import { blankUpdate, type UpdateFields, updateInput } from './updateInput';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());

export function renderUpdatesSection(container: HTMLElement, item: ItemView): () => void {
  return mount(container, <UpdatesSection item={item} />);
}

function UpdatesSection({ item }: { item: ItemView }) {
  const [updates, setUpdates] = useState<ProgressUpdateView[] | 'failed' | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let alive = true;
    api<ProgressUpdateList>(`/api/items/${item.id}/progress-updates`)
      .then((res) => alive && setUpdates(res.updates))
      .catch(() => alive && setUpdates('failed'));
    return () => {
      alive = false;
    };
  }, [item.id, round]);
  // Reading the signals subscribes: the form appears once the API has said who is signed in.
  const mayPost = userKnown.value && canDo('progress.post', { bodyId: item.body.id });
  return (
    <>
      <h3 id="panel-progress">{t('evidence.title')}</h3>
      <div className="pu-list">
        {updates === null ? (
          t('evidence.loading')
        ) : updates === 'failed' ? (
          t('evidence.loadFailed')
        ) : updates.length === 0 ? (
          <p>{t('evidence.none')}</p>
        ) : (
          updates.map((u) => <UpdateCard key={u.id} item={item} u={u} />)
        )}
      </div>
      <div>{mayPost ? <UpdateForm item={item} afterSend={() => setRound((r) => r + 1)} /> : null}</div>
    </>
  );
}

function UpdateCard({ item, u }: { item: ItemView; u: ProgressUpdateView }) {
  const lang = getLang();
  const milestoneTitle = (id: string) => {
    const m = item.milestones.find((x) => x.id === id);
    return m ? pickText(m.title, lang) : id;
  };
  const ground = u.ground;
  return (
    <article className={`pu-card${ground.contested > 0 ? ' is-contested' : ''}`} data-update-id={u.id}>
      <p>
        <strong>{t('evidence.update.from', { body: pickText(item.body.name, lang) })}</strong>
        {` · ${u.authorName} · ${formatDate(u.postedAt.slice(0, 10), lang)}`}
      </p>
      {u.milestone ? (
        <p data-change="milestone">
          {t('evidence.update.milestone', {
            milestone: milestoneTitle(u.milestone.milestoneId),
            date: formatDate(u.milestone.metOn, lang),
          })}
          {withSignatures(u.milestone.evidence).map((e) => (
            <span key={e.id}>
              {' '}
              <DocumentLink file={e} />
            </span>
          ))}
        </p>
      ) : null}
      {u.spent ? (
        <p data-change="spent">
          {t('evidence.update.spent', {
            before: formatKzt(u.spent.before, lang),
            after: formatKzt(u.spent.after, lang),
            date: formatDate(u.spent.asOf, lang),
          })}
        </p>
      ) : null}
      {u.status ? (
        <p data-change="status">
          {t('evidence.update.status', {
            before: t(`status.${u.status.before}`),
            after: t(`status.${u.status.after}`),
          })}
        </p>
      ) : null}
      {u.expectedEnd ? (
        <p data-change="end">
          {t('evidence.update.end', {
            before: formatDate(u.expectedEnd.before, lang),
            after: formatDate(u.expectedEnd.after, lang),
          })}
          {` ${t('evidence.update.reason', { reason: u.expectedEnd.reason })}`}
        </p>
      ) : null}
      {u.note ? <p>{u.note}</p> : null}
      {ground.confirmed || ground.contested ? (
        <p className="pu-ground" data-ground={ground.contested > 0 ? 'contested' : 'confirmed'}>
          {[
            ground.confirmed ? t('evidence.ground.confirmed', { count: ground.confirmed }) : '',
            ground.contested ? t('evidence.ground.contested', { count: ground.contested }) : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      ) : null}
    </article>
  );
}

/** The official's form: each part is optional; what is filled in is sent as one update. */
function UpdateForm({ item, afterSend }: { item: ItemView; afterSend: () => void }) {
  const lang = getLang();
  const fields = useFields<UpdateFields>(() => blankUpdate(today()));
  const [files, setFiles] = useState<File[]>([]);
  // A new key empties the file input after a send (its value cannot be set otherwise).
  const [fileRound, setFileRound] = useState(0);
  const [out, setOut] = useState('');
  const [busy, setBusy] = useState(false);
  const open = item.milestones.filter((m) => m.status !== 'met' && m.status !== 'cancelled');

  const send = async () => {
    setBusy(true);
    setOut('');
    try {
      const v = fields.values;
      // Evidence goes up only with a milestone; a signature file is linked to the document it signs.
      const ids = v.milestone ? await uploadOfficialFiles(files) : [];
      await api(`/api/items/${item.id}/progress-updates`, {
        method: 'POST',
        body: JSON.stringify(updateInput(v, ids)),
      });
      fields.reset(blankUpdate(today()));
      setFiles([]);
      setFileRound((r) => r + 1);
      setOut(t('evidence.form.sent'));
      afterSend();
    } catch (err) {
      setOut(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="pu-form" aria-label={t('evidence.form.title')} onSubmit={onSubmit(() => void send())}>
      <h4>{t('evidence.form.title')}</h4>
      <fieldset>
        <legend>{t('evidence.form.milestone')}</legend>
        <label>
          {t('evidence.form.milestone')}
          <select {...fields.bind('milestone')}>
            <option value="">{t('evidence.form.noMilestone')}</option>
            {open.map((m) => (
              <option key={m.id} value={m.id}>
                {pickText(m.title, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('evidence.form.metOn')}
          <input type="date" {...fields.bind('metOn')} max={today()} />
        </label>
        <label>
          {t('evidence.form.evidence')}
          <input
            key={fileRound}
            type="file"
            name="evidence"
            multiple
            accept={OFFICIAL_FILE_ACCEPT}
            onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('evidence.form.money')}</legend>
        <label>
          {t('evidence.form.spent')}
          <input
            type="text"
            {...fields.bind('spent')}
            inputMode="decimal"
            pattern={'\\d+(\\.\\d{1,2})?'}
            placeholder={item.amounts.spent}
          />
        </label>
        <label>
          {t('evidence.form.asOf')}
          <input type="date" {...fields.bind('asOf')} max={today()} />
        </label>
      </fieldset>
      <label>
        {t('evidence.form.status')}
        <select {...fields.bind('status')}>
          <option value="">{t('evidence.form.sameStatus')}</option>
          {ITEM_STATUSES.filter((s) => s !== item.status).map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('evidence.form.end')}</legend>
        <label>
          {t('evidence.form.endDate')}
          <input type="date" {...fields.bind('end')} min={item.period.start} />
        </label>
        <label>
          {t('evidence.form.reason')}
          <textarea {...fields.bind('reason')} rows={2} maxLength={2000} />
        </label>
      </fieldset>
      <label>
        {t('evidence.form.note')}
        <textarea {...fields.bind('note')} rows={2} maxLength={2000} />
      </label>
      <button type="submit" disabled={busy}>
        {t('evidence.form.submit')}
      </button>
      <p role="status">{out}</p>
    </form>
  );
}
