/**
 * The header's sign-in link, or the signed-in user's name, role badges and a sign-out button. Reads
 * the user and the language as signals, so it repaints itself on sign-in, sign-out and a switch.
 */
import { t } from '../i18n';
import { registerHeaderWidget } from '../shell';
import { Link } from '../ui/Link';
import { mount } from '../ui/mount';
import { SignInLink } from '../ui/SignInLink';
import { BadgeList } from './badges';
import { signOutEverywhere } from './managedLogin';
import { ADMIN_PATH, SIGN_IN_PATH } from './paths';
import { canDo, user } from './session';

export { ADMIN_PATH, SIGN_IN_PATH };

function AuthWidget() {
  const me = user.value;
  if (!me) return <SignInLink label={t('auth.signIn')} className="auth-sign-in" />;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a name, badges and buttons in the header bar, not a form's fieldset
    <div className="auth-user" role="group" aria-label={t('auth.user')}>
      <span className="auth-name">{me.name}</span>
      <BadgeList badges={me.badges} />
      {canDo('users.manage') ? (
        <Link href={ADMIN_PATH} className="auth-admin-link">
          {t('auth.admin.link')}
        </Link>
      ) : null}
      <button type="button" className="auth-sign-out" onClick={() => signOutEverywhere()}>
        {t('auth.signOut')}
      </button>
    </div>
  );
}

registerHeaderWidget({ id: 'auth', order: 100, render: (slot) => mount(slot, <AuthWidget />) });
