/**
 * Atom feeds in the web app: the item panel links to the item's feed, visibly and as
 * `<link rel="alternate" type="application/atom+xml">` in the head while the item is open, so
 * feed readers and browsers find it.
 */
import { h } from '../dom';
import { getLang, t } from '../i18n';
import { registerPanelSection } from '../shell';

/** Adds the head link for as long as the page shows; returns its removal. */
export function advertiseFeed(href: string, title: string): () => void {
  const link = h('link', { rel: 'alternate', type: 'application/atom+xml', href, title });
  document.head.append(link);
  return () => link.remove();
}

registerPanelSection({
  id: 'feed',
  order: 90,
  render(container, item) {
    const href = `/api/feeds/items/${item.id}?lang=${getLang()}`;
    container.append(
      h('p', { className: 'feed-link' }, h('a', { href, type: 'application/atom+xml' }, t('feeds.item'))),
    );
    return advertiseFeed(href, t('feeds.item'));
  },
});
