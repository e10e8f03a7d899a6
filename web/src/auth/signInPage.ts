/**
 * The sign-in page. On a hub running locally it lists the demo users of the local token issuer,
 * clearly marked "local only": one click signs in. Elsewhere the local issuer does not exist and
 * the page says sign-in is not available here.
 */
import type { Role } from '../../../shared/users';
import { h } from '../dom';
import { t } from '../i18n';
import { navigate, registerPage } from '../shell';
import { signInWithToken } from './session';
import { SIGN_IN_PATH } from './widget';

interface LocalUser {
  sub: string;
  name: string;
  roles: Role[];
  bodies: string[];
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

function render(container: HTMLElement): () => void {
  let alive = true;
  const status = h('p', { role: 'status', className: 'auth-status' }, t('auth.loading'));
  const section = h('section', { className: 'auth-page', 'aria-labelledby': 'auth-title' });
  section.append(h('h1', { id: 'auth-title' }, t('auth.page.title')), status);
  container.replaceChildren(section);

  void localUsers()
    .catch(() => null)
    .then((users) => {
      if (!alive) return;
      if (!users) {
        status.textContent = t('auth.unavailable');
        return;
      }
      status.textContent = '';
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
