/**
 * The body's explanations beside each risk flag of the item panel, and, for an official of the item's
 * body, "Explain" on each flag: a short form (text, written in kk or ru) that posts a public explanation
 * through the typed client with one Idempotency-Key per attempt (a double click or a retried request
 * makes one explanation). The flag stays whatever the explanation says.
 */
import { effect, type Signal, signal } from '@preact/signals';
import { useState } from 'preact/hooks';
import type { FlagCode } from '../../../shared/flags';
import type { FlagExplanationListEntry } from '../../../shared/flags-explanations';
import type { ItemView } from '../../../shared/item';
import { call, client } from '../api/client';
import { formatDate } from '../format';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';
import { mount } from '../ui/mount';
import { signedIn, userKnown } from '../ui/user';
import {
  defaultExplanationLang,
  EXPLANATION_LANGS,
  type ExplanationLang,
  explanationDraft,
  explanationsOf,
  MAX_EXPLANATION,
  mayExplain,
  moderationNote,
} from './explainLogic';

/**
 * Mounts the explanations (and the form) into each `li[data-flag]` of `container`; loads the item's
 * explanations once per signed-in user (an official also receives their body's moderated ones).
 */
export function mountFlagExplanations(container: HTMLElement, item: ItemView): () => void {
  const list = signal<FlagExplanationListEntry[]>([]);
  let alive = true;
  const load = () =>
    call(client.GET('/api/items/{itemId}/flag-explanations', { params: { path: { itemId: item.id } } }))
      .then((r) => {
        if (alive) list.value = r.explanations;
      })
      .catch(() => undefined);
  // Waits for the API to say who is signed in, then reloads on sign-in and sign-out.
  const stop = effect(() => {
    if (!userKnown.value) return;
    void signedIn()?.sub;
    void load();
  });
  const unmounts = [...container.querySelectorAll<HTMLElement>('li[data-flag]')].map((li) =>
    mount(
      li,
      <FlagExplanations
        itemId={item.id}
        bodyId={item.body.id}
        code={li.dataset.flag ?? ''}
        list={list}
        reload={load}
      />,
    ),
  );
  return () => {
    alive = false;
    stop();
    for (const u of unmounts) u();
  };
}

function FlagExplanations({
  itemId,
  bodyId,
  code,
  list,
  reload,
}: {
  itemId: string;
  bodyId: string;
  code: string;
  list: Signal<FlagExplanationListEntry[]>;
  reload: () => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  const lang = getLang();
  const mine = explanationsOf(list.value, code);
  const may = userKnown.value && mayExplain(signedIn(), bodyId);
  return (
    <>
      {mine.map((e) => {
        const note = moderationNote(e);
        return (
          <p
            key={e.id}
            className={`integrity-explanation${note ? ' integrity-moderated' : ''}`}
            data-explanation={e.id}
          >
            <strong>{t('integrity.explanation')}</strong>
            {` (${formatDate(e.at, lang)}): `}
            <q lang={e.lang} data-user-content="">
              {e.text}
            </q>
            {note ? (
              <>
                {' '}
                <em data-moderation={e.visibility}>{t(note.key, { reason: t(note.reasonKey) })}</em>
              </>
            ) : null}
          </p>
        );
      })}
      {may && !open ? (
        <button
          type="button"
          className="integrity-explain"
          data-explain={code}
          onClick={() => {
            setStatus('');
            setOpen(true);
          }}
        >
          {t('integrity.explain.open')}
        </button>
      ) : null}
      {may && open ? (
        <ExplainForm
          itemId={itemId}
          code={code}
          onDone={(message) => {
            setOpen(false);
            setStatus(message);
            void reload();
          }}
          onCancel={() => setOpen(false)}
        />
      ) : null}
      {status ? (
        <p className="integrity-status" role="status">
          {status}
        </p>
      ) : null}
    </>
  );
}

function ExplainForm({
  itemId,
  code,
  onDone,
  onCancel,
}: {
  itemId: string;
  code: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const [lang, setLang] = useState<ExplanationLang>(() => defaultExplanationLang(getLang()));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // One key for this form's attempts: a resend after a lost answer is the same explanation.
  const [key] = useState(() => crypto.randomUUID());
  const id = `explain-${code}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const draft = explanationDraft(text, lang);
    if (!draft.ok) {
      setError(t(`integrity.explain.${draft.reason}`, { max: MAX_EXPLANATION }));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await call(
        client.POST('/api/items/{itemId}/flags/{code}/explanations', {
          params: { path: { itemId, code: code as FlagCode }, header: { 'Idempotency-Key': key } },
          body: draft.body,
        }),
      );
      onDone(t('integrity.explain.published'));
    } catch (err) {
      setError(problemText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="integrity-explain-form" data-explain-form={code} onSubmit={submit}>
      <label for={`${id}-text`}>{t('integrity.explain.label')}</label>
      <textarea
        id={`${id}-text`}
        rows={4}
        maxLength={MAX_EXPLANATION}
        required
        aria-describedby={`${id}-hint`}
        value={text}
        onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <p id={`${id}-hint`} className="hint">
        {t('integrity.explain.hint')}
      </p>
      <label for={`${id}-lang`}>{t('integrity.explain.lang')}</label>
      <select
        id={`${id}-lang`}
        value={lang}
        onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as ExplanationLang)}
      >
        {EXPLANATION_LANGS.map((l) => (
          <option key={l} value={l}>
            {t(`integrity.explain.lang.${l}`)}
          </option>
        ))}
      </select>
      {error ? (
        <p className="integrity-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="integrity-actions">
        <button type="submit" disabled={busy}>
          {t('integrity.explain.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('integrity.explain.cancel')}
        </button>
      </div>
    </form>
  );
}
