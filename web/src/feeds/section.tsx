/**
 * Atom feeds in the web app: the item panel links to the item's feed, visibly and as
 * `<link rel="alternate" type="application/atom+xml">` in the head while the item is open, so
 * feed readers and browsers find it.
 */
import { useEffect } from 'preact/hooks';
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

/**
 * The visible link and the head link, both in the current language: the component reads the language
 * while rendering, so a switch re-words them and points them at the feed in that language.
 */
function FeedLink({ itemId }: { itemId: string }) {
  const href = `/api/feeds/items/${itemId}?lang=${getLang()}`;
  const title = t('feeds.item');
  useEffect(() => advertiseFeed(href, title), [href, title]);
  return (
    <p className="feed-link">
      <a href={href} type="application/atom+xml">
        {title}
      </a>
    </p>
  );
}

registerPanelSection({
  id: 'feed',
  order: 90,
  render: (container, item) => mount(container, <FeedLink itemId={item.id} />),
});
