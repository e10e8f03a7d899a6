/**
 * Atom feeds in the web app: the item panel links to the item's feed, visibly and as
 * `<link rel="alternate" type="application/atom+xml">` in the head while the item is open, so
 * feed readers and browsers find it.
 */
import { getLang, t } from '../i18n';
import { registerPanelSection } from '../shell';
import { mount } from '../ui/mount';

/** Adds the head link for as long as the page shows; returns its removal. */
export function advertiseFeed(href: string, title: string): () => void {
  const link = document.createElement('link');
  Object.assign(link, { rel: 'alternate', type: 'application/atom+xml', href, title });
  document.head.append(link);
  return () => link.remove();
}

registerPanelSection({
  id: 'feed',
  order: 90,
  render(container, item) {
    const href = `/api/feeds/items/${item.id}?lang=${getLang()}`;
    const unmount = mount(
      container,
      <p className="feed-link">
        <a href={href} type="application/atom+xml">
          {t('feeds.item')}
        </a>
      </p>,
    );
    const unadvertise = advertiseFeed(href, t('feeds.item'));
    return () => {
      unmount();
      unadvertise();
    };
  },
});
