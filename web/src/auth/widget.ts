/** The header's sign-in link, or the signed-in user's name, role badges and a sign-out button. */
import { h } from '../dom';
import { t } from '../i18n';
import { navigate, registerHeaderWidget } from '../shell';
import { badgeList } from './badges';
import { signOutEverywhere } from './managedLogin';
import { ADMIN_PATH, SIGN_IN_PATH, signInHref } from './paths';
import { canDo, currentUser, onUserChange } from './session';

export { ADMIN_PATH, SIGN_IN_PATH };

/** A link inside the app; `to` is read when followed, so a sign-in link carries the page of that moment. */
function link(to: string | (() => string), label: string, className: string): HTMLAnchorElement {
  const path = () => (typeof to === 'string' ? to : to());
  const a = h(
    'a',
    {
      href: path(),
      className,
      onclick: (e: Event) => {
        const m = e as MouseEvent;
        if (m.ctrlKey || m.metaKey || m.shiftKey || m.button !== 0) return;
        e.preventDefault();
        navigate(path());
      },
    },
    label,
  );
  // A new tab or a copied link also returns to the page the user is on now.
  a.addEventListener('pointerenter', () => a.setAttribute('href', path()));
  a.addEventListener('focus', () => a.setAttribute('href', path()));
  return a;
}

/** "Sign in to …" as a link to the sign-in page that comes back here afterwards. */
export function signInLink(label: string, className = 'auth-sign-in-to'): HTMLAnchorElement {
  return link(() => signInHref(), label, className);
}

function render(slot: HTMLElement): void {
  const user = currentUser();
  if (!user) {
    slot.replaceChildren(link(() => signInHref(), t('auth.signIn'), 'auth-sign-in'));
    return;
  }
  slot.replaceChildren(
    h(
      'div',
      { className: 'auth-user', role: 'group', 'aria-label': t('auth.user') },
      h('span', { className: 'auth-name' }, user.name),
      badgeList(user.badges),
      canDo('users.manage') ? link(ADMIN_PATH, t('auth.admin.link'), 'auth-admin-link') : null,
      h(
        'button',
        { type: 'button', className: 'auth-sign-out', onclick: () => signOutEverywhere() },
        t('auth.signOut'),
      ),
    ),
  );
}

registerHeaderWidget({
  id: 'auth',
  order: 100,
  render(slot) {
    render(slot);
    return onUserChange(() => render(slot));
  },
});
