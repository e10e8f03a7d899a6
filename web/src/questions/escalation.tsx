/**
 * Escalating an overdue answer, from the asker's side (issue 19, deliver 6): once the question is
 * past its due date the asker makes a complaint to the superior body or the prosecutor's office in
 * kk or ru, opens it to print (the hub renders it with the question, the dates, APPK art. 91(2) and
 * 92 and the chain's hash: functions/services/escalation-template.ts), and records when it was sent
 * and answered. The complaint is fetched with the asker's token and opened as a local copy, since
 * a plain link would reach the API without it.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, send, toApiError } from '../api';
import { formatDate } from '../format';
import { getLang, t } from '../i18n';
import { useFields } from '../ui/form';
import { ActionForm, QField } from './card';
import { errorMessage, type QuestionView } from './model';

interface EscalationView {
  id: string;
  addressee: { kind: 'superior_body' | 'prosecutor'; name: string };
  lang: 'kk' | 'ru';
  createdOn: string;
  sentOn?: string;
  answeredOn?: string;
}

const base = (q: Pick<QuestionView, 'itemId' | 'id'>) =>
  `/api/items/${q.itemId}/questions/${q.id}/escalations`;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());

class PopupBlocked extends Error {}
const failText = (err: unknown) =>
  err instanceof PopupBlocked ? t('evidence.escalate.popupBlocked') : errorMessage(err);

/**
 * Opens the complaint to print in a new window, opened within the click so no pop-up blocker stops
 * it. The page's Content-Security-Policy (no inline style) passes to that window, so the letter's
 * own print styles are applied as a constructed style sheet, which the policy does not govern.
 */
async function openComplaint(q: QuestionView, id: string): Promise<void> {
  const win = window.open('', '_blank');
  if (!win) throw new PopupBlocked();
  try {
    const res = await send(new Request(new URL(`${base(q)}/${id}/complaint`, location.href)));
    if (!res.ok) throw await toApiError(res);
    const html = await res.text();
    const target = win;
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    const css = [...parsed.querySelectorAll('style')].map((el) => el.textContent ?? '').join('\n');
    target.document.open();
    target.document.write(html);
    target.document.close();
    const sheet = new (target as typeof window).CSSStyleSheet();
    sheet.replaceSync(css);
    target.document.adoptedStyleSheets = [sheet];
  } catch (err) {
    win.close();
    throw err;
  }
}

/** The asker's escalation controls under their question: shown once it is overdue or escalated. */
export function EscalationControls({ q }: { q: QuestionView }) {
  const [list, setList] = useState<EscalationView[] | null>(null);
  const [said, setSaid] = useState('');
  const reload = () =>
    api<{ escalations: EscalationView[] }>(base(q)).then(
      (r) => setList(r.escalations),
      () => setList([]),
    );
  useEffect(() => {
    void reload();
  }, [q.id]);
  const f = useFields({ kind: 'superior_body', to: '', lang: getLang() === 'ru' ? 'ru' : 'kk' });
  if (!q.overdue && !list?.length) return null;
  const make = async () => {
    const made = await api<EscalationView>(base(q), {
      method: 'POST',
      body: JSON.stringify({
        addressee: { kind: f.values.kind, name: f.values.to.trim() },
        lang: f.values.lang,
      }),
    });
    await reload();
    setSaid(t('evidence.escalate.made'));
    await openComplaint(q, made.id);
  };
  return (
    <section className="q-escalation" aria-label={t('evidence.escalate.title')}>
      <h4>{t('evidence.escalate.title')}</h4>
      {q.overdue ? <p className="q-hint">{t('evidence.escalate.why')}</p> : null}
      {(list ?? []).map((e) => (
        <EscalationRow q={q} e={e} key={e.id} onChange={() => void reload()} />
      ))}
      {q.overdue ? (
        <ActionForm
          label={t('evidence.escalate.title')}
          submitLabel={t('evidence.escalate.submit')}
          submit={make}
          errorText={failText}
        >
          <QField label={t('evidence.escalate.kind')}>
            {(id) => (
              <select id={id} {...f.bind('kind')}>
                <option value="superior_body">{t('evidence.escalate.superior')}</option>
                <option value="prosecutor">{t('evidence.escalate.prosecutor')}</option>
              </select>
            )}
          </QField>
          <QField label={t('evidence.escalate.to')}>
            {(id) => <input id={id} required minLength={2} maxLength={300} {...f.bind('to')} />}
          </QField>
          <QField label={t('evidence.escalate.lang')}>
            {(id) => (
              <select id={id} {...f.bind('lang')}>
                <option value="kk" lang="kk">
                  Қазақша
                </option>
                <option value="ru" lang="ru">
                  Русский
                </option>
              </select>
            )}
          </QField>
        </ActionForm>
      ) : null}
      <p role="status" className="q-status-line">
        {said}
      </p>
    </section>
  );
}

function EscalationRow({ q, e, onChange }: { q: QuestionView; e: EscalationView; onChange: () => void }) {
  const lang = getLang();
  const f = useFields({ sentOn: e.sentOn ?? '', answeredOn: e.answeredOn ?? '' });
  const [said, setSaid] = useState('');
  const record = async () => {
    const body = {
      ...(f.values.sentOn ? { sentOn: f.values.sentOn } : {}),
      ...(f.values.answeredOn ? { answeredOn: f.values.answeredOn } : {}),
    };
    await api(`${base(q)}/${e.id}/progress`, { method: 'POST', body: JSON.stringify(body) });
    onChange();
  };
  return (
    <div className="q-escalation-row" data-escalation-id={e.id}>
      <p>
        {t(`evidence.escalate.${e.addressee.kind === 'prosecutor' ? 'prosecutor' : 'superior'}`)}
        {`: ${e.addressee.name} · ${t('evidence.escalate.madeOn', { date: formatDate(e.createdOn, lang) })}`}
        {e.sentOn ? ` · ${t('evidence.escalate.sentOn', { date: formatDate(e.sentOn, lang) })}` : ''}
        {e.answeredOn
          ? ` · ${t('evidence.escalate.answeredOn', { date: formatDate(e.answeredOn, lang) })}`
          : ''}
      </p>
      <button
        type="button"
        onClick={() => void openComplaint(q, e.id).catch((err: unknown) => setSaid(failText(err)))}
      >
        {t('evidence.escalate.print')}
      </button>
      <p role="status" className="q-status-line">
        {said}
      </p>
      {e.answeredOn ? null : (
        <ActionForm
          label={t('evidence.escalate.record')}
          submitLabel={t('evidence.escalate.record')}
          submit={record}
          errorText={errorMessage}
        >
          <QField label={t('evidence.escalate.sent')}>
            {(id) => <input id={id} type="date" min={e.createdOn} max={today()} {...f.bind('sentOn')} />}
          </QField>
          {e.sentOn ? (
            <QField label={t('evidence.escalate.answered')}>
              {(id) => <input id={id} type="date" min={e.sentOn} max={today()} {...f.bind('answeredOn')} />}
            </QField>
          ) : null}
        </ActionForm>
      )}
    </div>
  );
}
