/** "My questions": the signed-in user's questions with their status and legal due date. */
import { useEffect, useState } from 'preact/hooks';
import { type Localized, pickText } from '../../../shared/i18n-text';
import { loadBodyNames } from '../bodies';
import { getLang, t } from '../i18n';
import { Link } from '../ui/Link';
import { mount } from '../ui/mount';
import { SignInLink } from '../ui/SignInLink';
import { signedIn, userKnown } from '../ui/user';
import { QuestionCard } from './card';
import { EscalationControls } from './escalation';
import { type QuestionView, questionsApi } from './model';

export function renderMinePage(container: HTMLElement): () => void {
  return mount(container, <MinePage />);
}

function MinePage() {
  const known = userKnown.value;
  const who = signedIn()?.sub ?? null;
  return (
    <section className="q-page">
      <h1 tabIndex={-1}>{t('questions.mine.title')}</h1>
      {!known ? (
        <div>{t('questions.loading')}</div>
      ) : who ? (
        <MyQuestions key={who} />
      ) : (
        <div>
          <SignInLink label={t('questions.mine.signIn')} />
        </div>
      )}
    </section>
  );
}

function MyQuestions() {
  const [questions, setQuestions] = useState<QuestionView[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let alive = true;
    Promise.all([loadBodyNames(), questionsApi.mine()]).then(
      ([, res]) => alive && setQuestions(res.questions),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, []);
  if (failed) return <div>{t('questions.loadFailed')}</div>;
  if (!questions) return <div>{t('questions.loading')}</div>;
  return (
    <div>
      {questions.length === 0 ? (
        <p>{t('questions.mine.none')}</p>
      ) : (
        <div>
          {questions.map((q) => (
            <QuestionCard q={q} key={q.id}>
              <ItemLink itemId={q.itemId} title={q.itemTitle} />
              <EscalationControls q={q} />
            </QuestionCard>
          ))}
        </div>
      )}
    </div>
  );
}

export function ItemLink({ itemId, title }: { itemId: string; title: Record<string, string> | undefined }) {
  return (
    <p className="q-item-link">
      {`${t('questions.item')}: `}
      <Link href={`/items/${itemId}`}>{pickText(title as Localized | undefined, getLang()) || itemId}</Link>
    </p>
  );
}
