/**
 * A body's pages: the public page (its notification state, never the mailbox's address), the
 * contacts page for admins and the body's officials (set the shared mailbox, see whether it is
 * verified, the officials and who of them hears the body's questions), and the page that the
 * verification link opens (a button, so a mail scanner's prefetch verifies nothing).
 */
import { useEffect, useState } from 'preact/hooks';
import { can } from '../../../shared/policy';
import { call, client } from '../api/client';
import { bodyName, loadBodyNames } from '../bodies';
import { formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';
import { ImpactLedger } from '../sessions/impactLedger';
import { Link } from '../ui/Link';
import { mount } from '../ui/mount';
import { signedIn, userKnown } from '../ui/user';
import { bodyRoute, type NotificationStatusView, statusLines } from './view';

type ContactView = {
  bodyId: string;
  mailbox: { address: string; verified: boolean; setAt: string | null; linkExpires: string | null } | null;
  status: NotificationStatusView;
  officials: Array<{ name: string; notified: boolean }>;
};

export function renderBodyPage(container: HTMLElement, url: URL): () => void {
  const route = bodyRoute(url.pathname);
  if (!route) return () => {};
  void loadBodyNames();
  const page =
    route.page === 'contacts' ? (
      <ContactsPage bodyId={route.bodyId} />
    ) : route.page === 'verify' ? (
      <VerifyPage bodyId={route.bodyId} token={url.searchParams.get('token') ?? ''} />
    ) : (
      <PublicPage bodyId={route.bodyId} />
    );
  return mount(container, <section className="q-page hubops-body">{page}</section>);
}

const params = (bodyId: string) => ({ params: { path: { bodyId } } });

function StatusBlock({ status }: { status: NotificationStatusView }) {
  const lang = getLang();
  return (
    <div data-contacts="status" data-state={status.state}>
      {statusLines(status).map((l) => (
        <p key={l.key}>{t(l.key, l.at ? { at: formatDateTime(l.at, lang) } : {})}</p>
      ))}
    </div>
  );
}

function PublicPage({ bodyId }: { bodyId: string }) {
  const [status, setStatus] = useState<NotificationStatusView | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    call(client.GET('/api/bodies/{bodyId}/notifications-status', params(bodyId))).then(
      setStatus,
      (err: unknown) => setError(problemText(err)),
    );
  }, [bodyId]);
  const user = signedIn();
  return (
    <>
      <h1 tabIndex={-1}>{bodyName(bodyId)}</h1>
      <h2>{t('hubops.contacts.notificationsTitle')}</h2>
      {error ? (
        <p role="alert">{error}</p>
      ) : status ? (
        <StatusBlock status={status} />
      ) : (
        <p>{t('questions.loading')}</p>
      )}
      {userKnown.value && can(user, 'bodyContacts.manage', { bodyId }) && (
        <p>
          <Link href={`/bodies/${bodyId}/contacts`}>{t('hubops.contacts.manageLink')}</Link>
        </p>
      )}
      {/* What the club's work changed at this body (issue 21, deliver 7); renders nothing without entries. */}
      <ImpactLedger bodyId={bodyId} />
    </>
  );
}

function ContactsPage({ bodyId }: { bodyId: string }) {
  const [view, setView] = useState<ContactView | null>(null);
  const [address, setAddress] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const user = signedIn();
  const allowed = can(user, 'bodyContacts.manage', { bodyId });
  useEffect(() => {
    if (!allowed) return;
    call(client.GET('/api/bodies/{bodyId}/contacts', params(bodyId))).then(
      (v) => {
        setView(v);
        setAddress(v.mailbox?.address ?? '');
      },
      (err: unknown) => setMessage(problemText(err)),
    );
  }, [bodyId, allowed]);
  if (!userKnown.value) return <p>{t('questions.loading')}</p>;
  if (!allowed) return <p role="alert">{t('hubops.contacts.notAllowed')}</p>;
  const lang = getLang();
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setMessage('');
    try {
      const v = await call(
        client.PUT('/api/bodies/{bodyId}/mailbox', { ...params(bodyId), body: { address, lang } }),
      );
      setView(v);
      setMessage(
        v.mailbox?.verified ? t('hubops.contacts.unchanged') : t('hubops.contacts.linkSent', { address }),
      );
    } catch (err) {
      setMessage(problemText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('hubops.contacts.title', { body: bodyName(bodyId) })}</h1>
      <h2>{t('hubops.contacts.mailboxTitle')}</h2>
      <p>{t('hubops.contacts.mailboxHint')}</p>
      {view?.mailbox && (
        <p data-contacts="mailbox">
          {t(view.mailbox.verified ? 'hubops.contacts.verified' : 'hubops.contacts.unverified', {
            address: view.mailbox.address,
          })}
          {view.mailbox.linkExpires &&
            ` ${t('hubops.contacts.linkExpires', { at: formatDateTime(view.mailbox.linkExpires, lang) })}`}
        </p>
      )}
      <form onSubmit={save} data-contacts="form">
        <label>
          {t('hubops.contacts.address')}
          <input
            type="email"
            required
            maxLength={254}
            value={address}
            onInput={(e) => setAddress((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          {t('hubops.contacts.save')}
        </button>
      </form>
      <p role="status" aria-live="polite">
        {message}
      </p>
      <h2>{t('hubops.contacts.notificationsTitle')}</h2>
      {view && <StatusBlock status={view.status} />}
      <h2>{t('hubops.contacts.officialsTitle')}</h2>
      {view && view.officials.length === 0 && <p>{t('hubops.contacts.noOfficials')}</p>}
      <ul data-contacts="officials">
        {view?.officials.map((o, i) => (
          <li key={`${o.name}-${i}`}>
            {o.name || t('hubops.contacts.unnamed')}
            {' — '}
            {t(o.notified ? 'hubops.contacts.hearsQuestions' : 'hubops.contacts.doesNotHear')}
          </li>
        ))}
      </ul>
      <p>
        <Link href={`/bodies/${bodyId}`}>{t('hubops.contacts.publicLink')}</Link>
      </p>
    </>
  );
}

function VerifyPage({ bodyId, token }: { bodyId: string; token: string }) {
  const [result, setResult] = useState<'idle' | 'done' | string>('idle');
  const confirm = () =>
    call(client.POST('/api/bodies/{bodyId}/mailbox/verify', { ...params(bodyId), body: { token } })).then(
      () => setResult('done'),
      (err: unknown) => setResult(problemText(err)),
    );
  return (
    <>
      <h1 tabIndex={-1}>{t('hubops.contacts.verifyTitle', { body: bodyName(bodyId) })}</h1>
      {result === 'done' ? (
        <p role="status">{t('hubops.contacts.verifiedNow')}</p>
      ) : (
        <>
          <p>{t('hubops.contacts.verifyHint')}</p>
          <button type="button" onClick={confirm} disabled={!token} data-contacts="confirm">
            {t('hubops.contacts.confirm')}
          </button>
          {result !== 'idle' && <p role="alert">{result}</p>}
        </>
      )}
    </>
  );
}
