/** The header's link to the moderators' page: only moderators see it; it follows the user and the language. */
import { canDo } from '../auth';
import { t } from '../i18n';
import { Link } from '../ui/Link';
import { mount } from '../ui/mount';

function ModerationLink() {
  return canDo('moderation.read') ? <Link href="/moderation">{t('moderation.nav')}</Link> : null;
}

export function renderModerationLink(container: HTMLElement): () => void {
  return mount(container, <ModerationLink />);
}
