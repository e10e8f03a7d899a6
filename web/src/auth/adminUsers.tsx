/**
 * Users and their grants on the administration page (issue 20, item 2): search by name or account
 * id, a page at a time (the API reads bounded pages), and grants that are hard to get wrong: a
 * checkbox or a button only proposes the change, which is applied after an explicit confirmation,
 * and the result — saved, or why it was refused (e.g. the last admin) — is said where it happened.
 */
import { useEffect, useState } from 'preact/hooks';
import { pickText } from '../../../shared/i18n-text';
import { type BodyView, GRANTABLE_ROLES, type UserView } from '../../../shared/identity';
import { api } from '../api';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';
import { onSubmit } from '../ui/form';
import { signedIn } from '../ui/user';

const PAGE = 20;

/** A change proposed by a click and waiting for its confirmation. */
interface Proposal {
  sub: string;
  userName: string;
  kind: 'role' | 'body';
  value: string;
  revoke: boolean;
}

function proposalText(p: Proposal, bodies: Map<string, BodyView>): string {
  const what =
    p.kind === 'role' ? t(`auth.role.${p.value}`) : pickText(bodies.get(p.value)?.name, getLang()) || p.value;
  const key = `hubops.admin.${p.kind === 'role' ? 'role' : 'body'}.${p.revoke ? 'revoke' : 'grant'}`;
  return t(key, { user: p.userName, what });
}

/** The change once applied, in the words of the change log (auth.admin.change.*). */
function doneText(p: Proposal, bodies: Map<string, BodyView>): string {
  const kind =
    p.kind === 'role' ? (p.revoke ? 'role.revoke' : 'role.grant') : p.revoke ? 'body.unbind' : 'body.bind';
  const what =
    p.kind === 'role' ? t(`auth.role.${p.value}`) : pickText(bodies.get(p.value)?.name, getLang()) || p.value;
  return t(`auth.admin.change.${kind}`, { actor: signedIn()?.name ?? '', subject: p.sub, what });
}

export function AdminUsers({ bodies, onChanged }: { bodies: BodyView[]; onChanged: () => void }) {
  const [query, setQuery] = useState('');
  const [typed, setTyped] = useState('');
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [next, setNext] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState('');
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [result, setResult] = useState<{ sub: string; text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const byId = new Map(bodies.map((b) => [b.id, b]));

  const load = async (cursor?: string) => {
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (query) params.set('q', query);
    if (cursor) params.set('cursor', cursor);
    try {
      const page = await api<{ users: UserView[]; next?: string }>(`/api/admin/users?${params}`);
      setUsers((before) => (cursor ? [...(before ?? []), ...page.users] : page.users));
      setNext(page.next);
      setFailed('');
    } catch (err) {
      setFailed(problemText(err));
    }
  };
  useEffect(() => {
    setUsers(null);
    void load();
  }, [query]);

  const confirm = async (p: Proposal) => {
    setBusy(true);
    const base = `/api/admin/users/${encodeURIComponent(p.sub)}`;
    const path =
      p.kind === 'role' ? `${base}/roles/${p.value}` : `${base}/bodies/${encodeURIComponent(p.value)}`;
    try {
      const updated = await api<UserView>(path, { method: p.revoke ? 'DELETE' : 'PUT' });
      setUsers((list) => list?.map((u) => (u.sub === updated.sub ? updated : u)) ?? null);
      setResult({ sub: p.sub, ok: true, text: t('hubops.admin.saved', { change: doneText(p, byId) }) });
      onChanged();
    } catch (err) {
      setResult({ sub: p.sub, ok: false, text: t('auth.failed', { reason: problemText(err) }) });
    } finally {
      setBusy(false);
      setProposal(null);
    }
  };
  const propose = (p: Proposal) => {
    setResult(null);
    setProposal(p);
  };

  return (
    <>
      <h2 id="admin-users">{t('auth.admin.users')}</h2>
      <form
        className="auth-admin-search"
        aria-label={t('hubops.admin.search')}
        onSubmit={onSubmit(() => setQuery(typed.trim()))}
      >
        <label for="admin-user-q">{t('hubops.admin.search')}</label>{' '}
        <input
          id="admin-user-q"
          type="search"
          name="q"
          maxLength={100}
          value={typed}
          onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)}
        />{' '}
        <button type="submit">{t('hubops.admin.find')}</button>
      </form>
      {failed ? <p role="alert">{t('auth.failed', { reason: failed })}</p> : null}
      {users === null ? (
        <p>{t('questions.loading')}</p>
      ) : users.length === 0 && !next ? (
        <p>{t('hubops.admin.noUsers')}</p>
      ) : (
        <ul className="auth-admin-users">
          {users.map((u) => (
            <UserRow
              key={u.sub}
              u={u}
              bodies={bodies}
              byId={byId}
              propose={propose}
              proposal={proposal?.sub === u.sub ? proposal : null}
              result={result?.sub === u.sub ? result : null}
              busy={busy}
              confirm={confirm}
              cancel={() => setProposal(null)}
            />
          ))}
        </ul>
      )}
      {next ? (
        <button type="button" className="auth-admin-more" onClick={() => void load(next)}>
          {t('hubops.admin.more')}
        </button>
      ) : null}
    </>
  );
}

function UserRow({
  u,
  bodies,
  byId,
  propose,
  proposal,
  result,
  busy,
  confirm,
  cancel,
}: {
  u: UserView;
  bodies: BodyView[];
  byId: Map<string, BodyView>;
  propose: (p: Proposal) => void;
  proposal: Proposal | null;
  result: { text: string; ok: boolean } | null;
  busy: boolean;
  confirm: (p: Proposal) => Promise<void>;
  cancel: () => void;
}) {
  const unbound = bodies.filter((b) => !u.bodies.includes(b.id));
  const [bodyId, setBodyId] = useState('');
  const chosen = bodyId || unbound[0]?.id || '';
  const lang = getLang();
  return (
    <li className="auth-admin-user" data-sub={u.sub}>
      <h3>
        <span data-user-content="">{u.name}</span> <small translate={false}>{u.sub}</small>
      </h3>
      <fieldset className="auth-admin-roles">
        <legend>{t('auth.roles')}</legend>
        {GRANTABLE_ROLES.map((role) => {
          const id = `role-${u.sub}-${role}`;
          const has = u.roles.includes(role);
          const pending = proposal?.kind === 'role' && proposal.value === role;
          return (
            <span key={role}>
              <input
                type="checkbox"
                id={id}
                // The box shows the proposed state while it waits for confirmation.
                checked={pending ? !proposal.revoke : has}
                onChange={() =>
                  propose({ sub: u.sub, userName: u.name, kind: 'role', value: role, revoke: has })
                }
              />
              <label for={id}>{t(`auth.role.${role}`)}</label>
            </span>
          );
        })}
      </fieldset>
      <ul className="auth-admin-bound">
        {u.bodies.map((id) => (
          <li key={id}>
            {pickText(byId.get(id)?.name, lang) || id}{' '}
            <button
              type="button"
              onClick={() => propose({ sub: u.sub, userName: u.name, kind: 'body', value: id, revoke: true })}
            >
              {t('auth.admin.unbind')}
            </button>
          </li>
        ))}
      </ul>
      {unbound.length ? (
        <>
          <select
            aria-label={t('auth.admin.body')}
            value={chosen}
            onInput={(e) => setBodyId((e.currentTarget as HTMLSelectElement).value)}
          >
            {unbound.map((b) => (
              <option key={b.id} value={b.id}>
                {pickText(b.name, lang)}
              </option>
            ))}
          </select>{' '}
          <button
            type="button"
            onClick={() =>
              propose({ sub: u.sub, userName: u.name, kind: 'body', value: chosen, revoke: false })
            }
          >
            {t('auth.admin.bind')}
          </button>
        </>
      ) : null}
      {proposal ? (
        <fieldset className="auth-admin-confirm">
          <legend>{t('hubops.admin.confirmTitle')}</legend>
          <p>{t('hubops.admin.confirmQuestion', { change: proposalText(proposal, byId) })}</p>
          <button type="button" disabled={busy} onClick={() => void confirm(proposal)}>
            {t('hubops.admin.confirm')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={cancel}>
            {t('hubops.admin.cancel')}
          </button>
        </fieldset>
      ) : null}
      <p role="status" className={result?.ok === false ? 'auth-admin-refused' : 'auth-admin-saved'}>
        {result?.text ?? ''}
      </p>
    </li>
  );
}
