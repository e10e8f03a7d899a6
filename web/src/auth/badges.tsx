/** Role badges as text: an official's badge names the body, in the current language. */

import { pickText } from '../../../shared/i18n-text';
import type { MeView } from '../../../shared/identity';
import { getLang, t } from '../i18n';

export function badgeText(badge: MeView['badges'][number]): string {
  if (badge.role === 'official' && badge.body)
    return t('auth.badge.official', { body: pickText(badge.body.name, getLang()) });
  return t(`auth.role.${badge.role}`);
}

/** Every badge but "citizen" when the user has more (everyone signed in is a citizen). */
export function shownBadges(badges: MeView['badges']): MeView['badges'] {
  const special = badges.filter((b) => b.role !== 'citizen');
  return special.length ? special : badges;
}

export function BadgeList({ badges }: { badges: MeView['badges'] }) {
  return (
    <ul className="auth-badges" aria-label={t('auth.roles')}>
      {shownBadges(badges).map((b) => (
        <li key={`${b.role}:${b.body?.id ?? ''}`} className={`auth-badge auth-badge-${b.role}`}>
          {badgeText(b)}
        </li>
      ))}
    </ul>
  );
}
