/**
 * The sign-in page asks the API how to sign in here (`/api/auth/config`). On a hub running locally
 * it lists the demo users of the local token issuer, clearly marked "local only": one click signs
 * in. In the cloud it offers the provider's managed login (./managedLogin.ts), and shows why the
 * last attempt failed, if it did. Where neither exists it says sign-in is not available here.
 */
import type { AuthConfig } from '../../../shared/signin';
import type { Role } from '../../../shared/users';
import { h } from '../dom';
import { t } from '../i18n';
import { navigate, registerPage } from '../shell';
import { startManagedLogin, takeSignInFailure } from './managedLogin';
import { signInWithToken } from './session';
import { SIGN_IN_PATH } from './widget';

interface LocalUser {
  sub: string;
  name: string;
  roles: Role[];
  bodies: string[];
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

async function localToken(sub: string): Promise<string> {
  const res = await fetch('/local-auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub }),
  });
  if (!res.ok) throw new Error(res.statusText || String(res.status));
  return ((await res.json()) as { token: string }).token;
}

function roleLine(u: LocalUser): string {
  const roles = u.roles.filter((r) => r !== 'citizen');
  const parts = (roles.length ? roles : ['citizen']).map((r) => t(`auth.role.${r}`));
  return [...parts, ...u.bodies].join(' · ');
}

function renderManagedLogin(section: HTMLElement, config: Extract<AuthConfig, { mode: 'oauth' }>): void {
  const button = h(
    'button',
    {
      type: 'button',
      className: 'auth-oauth-start',
      onclick: () => {
        button.disabled = true;
        void startManagedLogin(config).catch(() => {
          button.disabled = false;
        });
      },
    },
    t('auth.oauth.button'),
  );
  section.append(h('p', { className: 'auth-oauth-notice' }, t('auth.oauth.notice')), button);
}

function renderLocalUsers(section: HTMLElement, status: HTMLElement, users: LocalUser[]): void {
  const list = h(
    'ul',
    { className: 'auth-local-users', 'aria-label': t('auth.local.list') },
    users.map((u) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            className: 'auth-local-user',
            'data-sub': u.sub,
            onclick: async () => {
              try {
                await signInWithToken(await localToken(u.sub));
                navigate('/');
              } catch (err) {
                status.textContent = t('auth.failed', { reason: (err as Error).message });
              }
            },
          },
          h('span', { className: 'auth-local-name' }, t('auth.signInAs', { name: u.name })),
          h('span', { className: 'auth-local-roles' }, roleLine(u)),
        ),
      ),
    ),
  );
  section.insertBefore(
    h(
      'div',
      { className: 'auth-local-notice', role: 'note' },
      h('strong', { className: 'auth-local-tag' }, t('auth.local.tag')),
      ' ',
      t('auth.local.notice'),
    ),
    status,
  );
  section.append(list);
}

function render(container: HTMLElement): () => void {
  let alive = true;
  const status = h('p', { role: 'status', className: 'auth-status' }, t('auth.loading'));
  const section = h('section', { className: 'auth-page', 'aria-labelledby': 'auth-title' });
  section.append(h('h1', { id: 'auth-title' }, t('auth.page.title')));
  // Why the last managed-login attempt failed (refused state, failed exchange), shown once.
  const failure = takeSignInFailure();
  if (failure) section.append(h('p', { role: 'alert', className: 'auth-error' }, t(failure)));
  section.append(status);
  container.replaceChildren(section);

  void signInConfig()
    .then(async (config) => {
      if (config.mode === 'local') return { config, users: await localUsers() };
      return { config, users: null };
    })
    .catch(() => null)
    .then((answer) => {
      if (!alive) return;
      if (answer?.config.mode === 'oauth') {
        status.textContent = '';
        renderManagedLogin(section, answer.config);
        return;
      }
      if (!answer?.users) {
        status.textContent = t('auth.unavailable');
        return;
      }
      status.textContent = '';
      renderLocalUsers(section, status, answer.users);
    });
  return () => {
    alive = false;
  };
}

registerPage({
  id: 'sign-in',
  match: (pathname) => pathname === SIGN_IN_PATH,
  render: (container) => render(container),
});
