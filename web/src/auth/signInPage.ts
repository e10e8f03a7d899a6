/**
 * The sign-in page asks the API how to sign in here (`/api/auth/config`). On a hub running locally
 * it lists the demo users of the local token issuer, clearly marked "local only": one click signs
 * in. In the cloud it offers the provider's managed login (./managedLogin.ts), and shows why the
 * last attempt failed, if it did. Where neither exists it says sign-in is not available here.
 * Local staff (officials, moderators, secretaries, admins) give a code from an authenticator app
 * as well, as Cognito asks them in the cloud; until they have confirmed one the page shows the key
 * to add (text and an otpauth:// link).
 * After signing in the user returns to the page they came from (`?next=`, see ./paths.ts).
 * A Preact component: it re-renders itself when the language changes.
 */

import { h, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AuthConfig } from '../../../shared/signin';
import type { Role } from '../../../shared/users';
import { t } from '../i18n';
import { navigate } from '../shell';
import { startManagedLogin, takeSignInFailure } from './managedLogin';
import { afterSignInPath, returnPath } from './paths';
import { signInWithToken } from './session';

interface LocalUser {
  sub: string;
  name: string;
  roles: Role[];
  bodies: string[];
}

/** What the local issuer says when a staff member must give a code (functions/auth/local-issuer.ts). */
interface MfaAsk {
  sub: string;
  name: string;
  enrolment: { secret: string; otpauthUri: string } | null;
  /** The problem code of the last refusal, e.g. `auth.mfa_code_invalid`. */
  refusal: string | null;
}

class MfaAskError extends Error {
  constructor(
    readonly code: string,
    readonly enrolment: MfaAsk['enrolment'],
  ) {
    super(code);
  }
}

async function signInConfig(): Promise<AuthConfig> {
  // Plain fetch, not api(): a stale token in storage must not turn this public read into a 401.
  const res = await fetch('/api/auth/config', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(res.statusText || String(res.status));
  return (await res.json()) as AuthConfig;
}

async function localUsers(): Promise<LocalUser[] | null> {
  const res = await fetch('/local-auth/users', { headers: { Accept: 'application/json' } });
  if (!res.ok || !res.headers.get('content-type')?.includes('application/json')) return null;
  return ((await res.json()) as { users: LocalUser[] }).users;
}

async function localToken(sub: string, totp?: string): Promise<string> {
  // The answer also sets the refresh cookie (HttpOnly), which renews the session after the hour.
  const res = await fetch('/local-auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(totp ? { sub, totp } : { sub }),
    credentials: 'same-origin',
  });
  if (res.status === 401) {
    const problem = (await res.json().catch(() => ({}))) as {
      code?: string;
      enrolment?: MfaAsk['enrolment'];
    };
    if (problem.code?.startsWith('auth.mfa_')) throw new MfaAskError(problem.code, problem.enrolment ?? null);
  }
  if (!res.ok) throw new Error(res.statusText || String(res.status));
  return ((await res.json()) as { token: string }).token;
}

function roleLine(u: LocalUser): string {
  const roles = u.roles.filter((r) => r !== 'citizen');
  const parts = (roles.length ? roles : ['citizen']).map((r) => t(`auth.role.${r}`));
  return [...parts, ...u.bodies].join(' · ');
}

type Answer =
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | { kind: 'oauth'; config: Extract<AuthConfig, { mode: 'oauth' }> }
  | { kind: 'local'; users: LocalUser[] };

async function loadAnswer(): Promise<Answer> {
  try {
    const config = await signInConfig();
    if (config.mode === 'oauth') return { kind: 'oauth', config };
    if (config.mode === 'local') {
      const users = await localUsers();
      if (users) return { kind: 'local', users };
    }
  } catch {}
  return { kind: 'unavailable' };
}

function ManagedLogin({ config, next }: { config: Extract<AuthConfig, { mode: 'oauth' }>; next: string }) {
  const [busy, setBusy] = useState(false);
  const start = () => {
    setBusy(true);
    void startManagedLogin(config, next).catch(() => setBusy(false));
  };
  return [
    h('p', { className: 'auth-oauth-notice' }, t('auth.oauth.notice')),
    h(
      'button',
      { type: 'button', className: 'auth-oauth-start', disabled: busy, onClick: start },
      t('auth.oauth.button'),
    ),
  ];
}

function MfaCode({
  ask,
  onSubmit,
  onCancel,
}: {
  ask: MfaAsk;
  onSubmit: (code: string) => void;
  onCancel: () => void;
}) {
  const [code, setCode] = useState('');
  return h(
    'form',
    {
      className: 'auth-mfa',
      'aria-labelledby': 'auth-mfa-title',
      onSubmit: (e: Event) => {
        e.preventDefault();
        onSubmit(code);
      },
    },
    h('h3', { id: 'auth-mfa-title' }, t('auth6.mfa.title', { name: ask.name })),
    ask.enrolment
      ? h(
          'div',
          { className: 'auth-mfa-enrol' },
          h('p', null, t('auth6.mfa.enrol')),
          h(
            'p',
            null,
            t('auth6.mfa.secret'),
            ' ',
            h('code', { className: 'auth-mfa-secret' }, ask.enrolment.secret),
          ),
          h('p', null, h('a', { href: ask.enrolment.otpauthUri }, t('auth6.mfa.link'))),
        )
      : null,
    ask.refusal ? h('p', { role: 'alert', className: 'auth-error' }, t(`problem.${ask.refusal}`)) : null,
    h(
      'label',
      null,
      t('auth6.mfa.code'),
      ' ',
      h('input', {
        name: 'totp',
        inputMode: 'numeric',
        autoComplete: 'one-time-code',
        pattern: '[0-9]{6}',
        maxLength: 6,
        required: true,
        value: code,
        onInput: (e: Event) => setCode((e.target as HTMLInputElement).value.trim()),
      }),
    ),
    ' ',
    h('button', { type: 'submit' }, t('auth6.mfa.submit')),
    ' ',
    h('button', { type: 'button', onClick: onCancel }, t('auth6.mfa.cancel')),
  );
}

function LocalUsers({
  users,
  next,
  onFail,
}: {
  users: LocalUser[];
  next: string;
  onFail: (m: string) => void;
}) {
  const [ask, setAsk] = useState<MfaAsk | null>(null);
  const signInAs = async (u: Pick<LocalUser, 'sub' | 'name'>, totp?: string) => {
    try {
      const me = await signInWithToken(await localToken(u.sub, totp));
      setAsk(null);
      navigate(afterSignInPath(me, next));
    } catch (err) {
      if (err instanceof MfaAskError)
        return setAsk({
          sub: u.sub,
          name: u.name,
          // Once shown, the key stays on screen while this user tries codes.
          enrolment: err.enrolment ?? (ask?.sub === u.sub ? ask.enrolment : null),
          refusal: totp ? err.code : null,
        });
      onFail(t('auth.failed', { reason: (err as Error).message }));
    }
  };
  if (ask)
    return h(MfaCode, {
      ask,
      onSubmit: (code: string) => void signInAs(ask, code),
      onCancel: () => setAsk(null),
    });
  return h(
    'ul',
    { className: 'auth-local-users', 'aria-label': t('auth.local.list') },
    users.map((u) =>
      h(
        'li',
        { key: u.sub },
        h(
          'button',
          {
            type: 'button',
            className: 'auth-local-user',
            'data-sub': u.sub,
            onClick: () => void signInAs(u),
          },
          h('span', { className: 'auth-local-name' }, t('auth.signInAs', { name: u.name })),
          h('span', { className: 'auth-local-roles' }, roleLine(u)),
        ),
      ),
    ),
  );
}

function SignInPage({ next }: { next: string }) {
  const [answer, setAnswer] = useState<Answer>({ kind: 'loading' });
  const [failure] = useState(takeSignInFailure);
  const [error, setError] = useState('');
  useEffect(() => {
    let alive = true;
    void loadAnswer().then((a) => alive && setAnswer(a));
    return () => {
      alive = false;
    };
  }, []);
  const status =
    error ||
    (answer.kind === 'loading'
      ? t('auth.loading')
      : answer.kind === 'unavailable'
        ? t('auth.unavailable')
        : '');
  return h(
    'section',
    { className: 'auth-page', 'aria-labelledby': 'auth-title' },
    // h2: the shell's brand is the page's one h1.
    h('h2', { id: 'auth-title' }, t('auth.page.title')),
    // Why the last managed-login attempt failed (refused state, failed exchange), shown once.
    failure ? h('p', { role: 'alert', className: 'auth-error' }, t(failure)) : null,
    answer.kind === 'local'
      ? h(
          'div',
          { className: 'auth-local-notice', role: 'note' },
          h('strong', { className: 'auth-local-tag' }, t('auth.local.tag')),
          ' ',
          t('auth.local.notice'),
        )
      : null,
    h('p', { role: 'status', className: 'auth-status' }, status),
    answer.kind === 'oauth' ? h(ManagedLogin, { config: answer.config, next }) : null,
    answer.kind === 'local' ? h(LocalUsers, { users: answer.users, next, onFail: setError }) : null,
  );
}

/** The page at /signin (registered in ./index.ts, its code loaded on the first visit). */
export function renderSignInPage(container: HTMLElement, url: URL): () => void {
  // A fresh root per visit: the shell empties the page container itself, and Preact, diffing against
  // the tree it rendered last time, would otherwise see "no change" and leave the page blank.
  const root = document.createElement('div');
  container.append(root);
  render(h(SignInPage, { next: returnPath(url.search) }), root);
  return () => render(null, root);
}
