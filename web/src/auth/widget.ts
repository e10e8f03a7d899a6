/** The header's sign-in link, or the signed-in user's name, role badges and a sign-out button. */
import { h } from '../dom';
import { t } from '../i18n';
import { navigate, registerHeaderWidget } from '../shell';
import { badgeList } from './badges';
import { signOutEverywhere } from './managedLogin';
import { ADMIN_PATH, SIGN_IN_PATH } from './paths';
import { canDo, currentUser, onUserChange } from './session';

export { ADMIN_PATH, SIGN_IN_PATH };

function link(path: string, label: string, className: string): HTMLAnchorElement {
  return h(
    'a',
    {
      href: path,
      className,
      onclick: (e: Event) => {
        const m = e as MouseEvent;
        if (m.ctrlKey || m.metaKey || m.shiftKey || m.button !== 0) return;
        e.preventDefault();
        navigate(path);
      },
    },
    label,
  );
}

function render(slot: HTMLElement): void {
  const user = currentUser();
  if (!user) {
    slot.replaceChildren(link(SIGN_IN_PATH, t('auth.signIn'), 'auth-sign-in'));
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
