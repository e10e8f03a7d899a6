/** The header's sign-in link, or the signed-in user's name, role badges and a sign-out button. */
import { h } from '../dom';
import { t } from '../i18n';
import { navigate, registerHeaderWidget } from '../shell';
import { badgeList } from './badges';
import { currentUser, onUserChange, signOut } from './session';

export const SIGN_IN_PATH = '/sign-in';

function render(slot: HTMLElement): void {
  const user = currentUser();
  if (!user) {
    slot.replaceChildren(
      h(
        'a',
        {
          href: SIGN_IN_PATH,
          className: 'auth-sign-in',
          onclick: (e: Event) => {
            e.preventDefault();
            navigate(SIGN_IN_PATH);
          },
        },
        t('auth.signIn'),
      ),
    );
    return;
  }
  slot.replaceChildren(
    h(
      'div',
      { className: 'auth-user', role: 'group', 'aria-label': t('auth.user') },
      h('span', { className: 'auth-name' }, user.name),
      badgeList(user.badges),
      h(
        'button',
        { type: 'button', className: 'auth-sign-out', onclick: () => signOut() },
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
