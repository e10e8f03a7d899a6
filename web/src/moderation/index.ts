/**
 * Moderation in the web app: the moderators' page at /moderation and a header link to it that
 * only moderators see.
 */
import { canDo, onUserChange, ready } from '../auth';
import { h } from '../dom';
import { t } from '../i18n';
import { navigate, registerHeaderWidget, registerPage } from '../shell';

registerPage({
  id: 'moderation',
  match: (pathname) => /^\/moderation\/?$/.test(pathname),
  render(container) {
    let stop: (() => void) | undefined;
    let gone = false;
    // The page's code (and its messages) load on the first visit: the map route carries none of it.
    void Promise.all([ready, import('./page')]).then(([, { renderModerationPage }]) => {
      if (!gone) stop = renderModerationPage(container);
    });
    return () => {
      gone = true;
      stop?.();
    };
  },
});

registerHeaderWidget({
  id: 'moderation-link',
  order: 40,
  render(container) {
    const show = () => {
      container.replaceChildren();
      if (!canDo('moderation.read')) return;
      const link = h('a', { href: '/moderation' }, t('moderation.nav'));
      link.addEventListener('click', (e) => {
        e.preventDefault();
        navigate('/moderation');
      });
      container.append(link);
    };
    show();
    return onUserChange(show);
  },
});
