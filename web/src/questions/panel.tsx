/**
 * The item panel's questions section: every question about the item with its official answer, the
 * ask-a-question form for signed-in users, and accept / dispute / rate for the asker.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import { can } from '../../../shared/policy';
import { canRate } from '../../../shared/questions';
import { bodyName, loadBodyNames } from '../bodies';
import { formatDate } from '../format';
import { getLang, t } from '../i18n';
import { useFields } from '../ui/form';
import { mount } from '../ui/mount';
import { SignInLink } from '../ui/SignInLink';
import { signedIn, userKnown } from '../ui/user';
import { ActionForm, LanguageSelect, QField, QuestionCard } from './card';
import { EscalationControls } from './escalation';
import { errorMessage, type QuestionView, questionsApi } from './model';

export function renderQuestionsSection(container: HTMLElement, item: ItemView): () => void {
  return mount(container, <QuestionsSection item={item} />);
}

function QuestionsSection({ item }: { item: ItemView }) {
  const [questions, setQuestions] = useState<QuestionView[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [sent, setSent] = useState('');
  const [loads, setLoads] = useState(0);
  const known = userKnown.value;
  const me = signedIn();
  useEffect(() => {
    let alive = true;
    Promise.all([loadBodyNames(), questionsApi.forItem(item.id)]).then(
      ([, res]) => alive && setQuestions(res.questions),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
    // `me`: whether a question is the reader's own comes with the list, so a sign-in reads it again.
  }, [item.id, loads, me?.sub]);
  /** After an action the item's questions are read again. */
  const reload = () => setLoads((n) => n + 1);
  const ready = questions && known;
  return (
    <>
      <h3>{t('questions.panel.title')}</h3>
      <div className="q-list">
        {failed ? (
          t('questions.loadFailed')
        ) : !ready ? (
          t('questions.loading')
        ) : questions.length === 0 ? (
          <p>{t('questions.panel.none')}</p>
        ) : (
          <div>
            {questions.map((q) => (
              <QuestionCard q={q} key={q.id}>
                {me && q.mine ? <AskerControls q={q} reload={reload} /> : null}
                {me && q.mine ? <EscalationControls q={q} /> : null}
              </QuestionCard>
            ))}
          </div>
        )}
      </div>
      <div className="q-ask">
        {!ready ? null : can(me, 'questions.raise') ? (
          <>
            <AskForm
              item={item}
              onSent={(q) => {
                reload();
                setSent(t('questions.ask.sent', { due: formatDate(q.dueOn, getLang()) }));
              }}
            />
            {sent ? (
              <p role="status" className="q-sent">
                {sent}
              </p>
            ) : null}
          </>
        ) : (
          <p className="q-hint">
            <SignInLink label={t('questions.ask.signIn')} />
          </p>
        )}
      </div>
    </>
  );
}

function AskForm({ item, onSent }: { item: ItemView; onSent: (q: QuestionView) => void }) {
  // Law on Languages art. 11: the body answers in kk or in the question's language, which the asker picks.
  const f = useFields(() => ({ text: '', lang: getLang() as Lang }));
  const submit = async () => {
    const q = await questionsApi.raise(item.id, f.values.text, f.values.lang);
    f.set('text', '');
    onSent(q);
  };
  const name = bodyName(item.body.id);
  return (
    <ActionForm
      label={t('questions.ask.label')}
      submitLabel={t('questions.ask.submit')}
      submit={submit}
      errorText={errorMessage}
    >
      <QField label={t('questions.ask.label')}>
        {(id) => <textarea id={id} rows={4} required minLength={10} maxLength={5000} {...f.bind('text')} />}
      </QField>
      <QField label={t('questions.lang.question')}>
        {(id) => <LanguageSelect id={id} value={f.values.lang} onInput={(lang) => f.set('lang', lang)} />}
      </QField>
      <p className="q-hint">
        {t('questions.ask.hint', {
          // The item carries its body's name, for a body the names list does not know (yet).
          body: name === item.body.id ? item.body.name[getLang()] || item.body.name.kk || name : name,
        })}
      </p>
    </ActionForm>
  );
}

function AskerControls({ q, reload }: { q: QuestionView; reload: () => void }) {
  const [accepting, setAccepting] = useState(false);
  const [said, setSaid] = useState('');
  const f = useFields({ reason: '', rating: String(q.rating ?? 5) });
  const act = async (work: Promise<unknown>) => {
    await work;
    reload();
  };
  const accept = () => {
    setAccepting(true);
    act(questionsApi.accept(q)).catch((err) => {
      setAccepting(false);
      setSaid(errorMessage(err));
    });
  };
  const answered = q.status === 'answered';
  const rate = canRate(q.status);
  if (!answered && !rate) return null;
  return (
    <div className="q-asker-actions">
      {answered ? (
        <>
          <button type="button" disabled={accepting} onClick={accept}>
            {t('questions.accept')}
          </button>
          <p role="status" className="q-status-line">
            {said}
          </p>
          <ActionForm
            label={t('questions.disputeAction')}
            submitLabel={t('questions.disputeAction')}
            submit={() => act(questionsApi.dispute(q, f.values.reason))}
            errorText={errorMessage}
          >
            <QField label={t('questions.disputeReason')}>
              {(id) => (
                <textarea id={id} rows={2} required minLength={10} maxLength={2000} {...f.bind('reason')} />
              )}
            </QField>
          </ActionForm>
        </>
      ) : null}
      {rate ? (
        <ActionForm
          label={t('questions.rate')}
          submitLabel={t('questions.rateSubmit')}
          submit={() => act(questionsApi.rate(q, Number(f.values.rating)))}
          errorText={errorMessage}
        >
          <QField label={t('questions.rate')}>
            {(id) => (
              <select id={id} {...f.bind('rating')}>
                {[5, 4, 3, 2, 1].map((n) => (
                  <option key={n} value={String(n)}>
                    {String(n)}
                  </option>
                ))}
              </select>
            )}
          </QField>
        </ActionForm>
      ) : null}
    </div>
  );
}
