/**
 * The body's explanations beside each risk flag of the item panel, and, for an official of the item's
 * body, "Explain" on each flag: a short form (text, written in kk or ru) that posts a public explanation
 * through the typed client with one Idempotency-Key per attempt (a double click or a retried request
 * makes one explanation). The flag stays whatever the explanation says. The body's officials also
 * edit or withdraw the body's explanations (PATCH/DELETE; the chain keeps every version).
 */
import { effect, type Signal, useSignal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FlagCode } from '../../../shared/flags';
import { type FlagExplanationListEntry, MAX_FLAG_EXPLANATION } from '../../../shared/flags-explanations';
import { call, client } from '../api/client';
import { formatDate } from '../format';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';
import { signedIn, userKnown } from '../ui/user';
import {
  defaultExplanationLang,
  EXPLANATION_LANGS,
  type ExplanationLang,
  explanationDraft,
  explanationEdit,
  explanationsOf,
  mayEditExplanation,
  mayExplain,
  moderationNote,
} from './explainLogic';

/**
 * Keeps `list` at the item's explanations: loaded once the API says who is signed in, and again on
 * sign-in and sign-out (an official also receives their body's moderated ones).
 */
function watchExplanations(
  itemId: string,
  list: Signal<FlagExplanationListEntry[]>,
): { load: () => Promise<void>; stop: () => void } {
  let alive = true;
  const load = () =>
    call(client.GET('/api/items/{itemId}/flag-explanations', { params: { path: { itemId } } }))
      .then((r) => {
        if (alive) list.value = r.explanations;
      })
      .catch(() => undefined);
  const stop = effect(() => {
    if (!userKnown.value) return;
    void signedIn()?.sub;
    void load();
  });
  return {
    load,
    stop: () => {
      alive = false;
      stop();
    },
  };
}

/**
 * The item's explanations, loaded once the API says who is signed in and again on sign-in and
 * sign-out, for the `FlagExplanations` of each of its flags; `reload` reads them again.
 */
export function useFlagExplanations(itemId: string): {
  list: Signal<FlagExplanationListEntry[]>;
  reload: () => Promise<void>;
} {
  const list = useSignal<FlagExplanationListEntry[]>([]);
  const loader = useRef<() => Promise<void>>(async () => {});
  useEffect(() => {
    const watch = watchExplanations(itemId, list);
    loader.current = watch.load;
    return watch.stop;
  }, [itemId]);
  return { list, reload: () => loader.current() };
}

/**
 * An item's flags as `ul > li[data-flag]`, each with its title and the explanations (and the form)
 * beside it.
 */
export function ItemFlagExplanations({
  itemId,
  bodyId,
  codes,
  title,
}: {
  itemId: string;
  bodyId: string;
  codes: readonly string[];
  title: (code: string) => string;
}) {
  const { list, reload } = useFlagExplanations(itemId);
  return (
    <ul className="integrity-flags">
      {codes.map((code) => (
        <li key={code} data-flag={code}>
          <strong>{title(code)}</strong>
          <FlagExplanations itemId={itemId} bodyId={bodyId} code={code} list={list} reload={reload} />
        </li>
      ))}
    </ul>
  );
}

/** The body's explanations of one flag of the item and, for its officials, "Explain" and its form. */
export function FlagExplanations({
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
  // The explanation being edited (its id), if any.
  const [editing, setEditing] = useState('');
  const [status, setStatus] = useState('');
  const lang = getLang();
  const mine = explanationsOf(list.value, code);
  const user = userKnown.value ? signedIn() : null;
  const may = userKnown.value && mayExplain(user, bodyId);
  const done = (message: string) => {
    setOpen(false);
    setEditing('');
    setStatus(message);
    void reload();
  };
  const withdraw = async (e: FlagExplanationListEntry) => {
    if (!confirm(t('lens6.explain.withdrawConfirm'))) return;
    try {
      await call(
        client.DELETE('/api/items/{itemId}/flag-explanations/{explanationId}', {
          params: { path: { itemId, explanationId: e.id } },
        }),
      );
      done(t('lens6.explain.withdrawn'));
    } catch (err) {
      setStatus(problemText(err));
    }
  };
  return (
    <>
      {mine.map((e) => {
        const note = moderationNote(e);
        if (editing === e.id)
          return (
            <ExplainForm
              key={e.id}
              itemId={itemId}
              code={code}
              original={e}
              onDone={done}
              onCancel={() => setEditing('')}
            />
          );
        return (
          <p
            key={e.id}
            className={`integrity-explanation${note ? ' integrity-moderated' : ''}`}
            data-explanation={e.id}
          >
            <strong>{t('integrity.explanation')}</strong>
            {` (${formatDate(e.at, lang)}`}
            {e.editedAt ? `, ${t('lens6.explain.edited', { date: formatDate(e.editedAt, lang) })}` : ''}
            {'): '}
            <q lang={e.lang} data-user-content="">
              {e.text}
            </q>
            {note ? (
              <>
                {' '}
                <em data-moderation={e.visibility}>{t(note.key, { reason: t(note.reasonKey) })}</em>
              </>
            ) : null}
            {mayEditExplanation(user, e) ? (
              <span className="integrity-actions">
                {' '}
                <button type="button" data-explain-edit={e.id} onClick={() => setEditing(e.id)}>
                  {t('lens6.explain.edit')}
                </button>{' '}
                <button type="button" data-explain-withdraw={e.id} onClick={() => void withdraw(e)}>
                  {t('lens6.explain.withdraw')}
                </button>
              </span>
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
        <ExplainForm itemId={itemId} code={code} onDone={done} onCancel={() => setOpen(false)} />
      ) : null}
      {status ? (
        <p className="integrity-status" role="status">
          {status}
        </p>
      ) : null}
    </>
  );
}

/** A new explanation of `code`, or (with `original`) an edit of one. */
function ExplainForm({
  itemId,
  code,
  original,
  onDone,
  onCancel,
}: {
  itemId: string;
  code: string;
  original?: FlagExplanationListEntry;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(original?.text ?? '');
  const [lang, setLang] = useState<ExplanationLang>(() =>
    original && original.lang !== 'en' ? original.lang : defaultExplanationLang(getLang()),
  );
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // One key for this form's attempts: a resend after a lost answer is the same explanation.
  const [key] = useState(() => crypto.randomUUID());
  // Unique on a page listing many items (the /flags page) and several forms per flag.
  const id = `explain-${itemId}-${code}${original ? `-${original.id}` : ''}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const draft = original ? explanationEdit(original, text, lang) : explanationDraft(text, lang);
    if (!draft.ok) {
      setError(
        draft.reason === 'unchanged'
          ? t('lens6.explain.unchanged')
          : t(`integrity.explain.${draft.reason}`, { max: MAX_FLAG_EXPLANATION }),
      );
      return;
    }
    setBusy(true);
    setError('');
    try {
      if (original) {
        await call(
          client.PATCH('/api/items/{itemId}/flag-explanations/{explanationId}', {
            params: { path: { itemId, explanationId: original.id } },
            body: draft.body,
          }),
        );
        onDone(t('lens6.explain.saved'));
        return;
      }
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
    <form
      className="integrity-explain-form"
      data-explain-form={code}
      {...(original ? { 'data-explain-editing': original.id } : {})}
      onSubmit={submit}
    >
      <label for={`${id}-text`}>{t('integrity.explain.label')}</label>
      <textarea
        id={`${id}-text`}
        rows={4}
        maxLength={MAX_FLAG_EXPLANATION}
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
          {t(original ? 'lens6.explain.save' : 'integrity.explain.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('integrity.explain.cancel')}
        </button>
      </div>
    </form>
  );
}
