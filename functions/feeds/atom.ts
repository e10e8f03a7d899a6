/**
 * Atom 1.0 (RFC 4287) documents, written by hand: the format is small and a serializer of our own
 * keeps every text escaped in one place. Entry ids are tag: URIs (RFC 4151) built from record ids,
 * so an entry keeps its id across deployments and refreshes.
 */

export interface AtomEntry {
  /** Stable within the feed's authority, e.g. "item/<id>/answer/<questionId>/<version>". */
  key: string;
  title: string;
  updated: string;
  published?: string;
  /** Plain text; escaped here. */
  content: string;
  /** The public web page this entry is about. */
  link: string;
  author?: string;
  category?: string;
}

export interface AtomFeed {
  key: string;
  title: string;
  subtitle?: string;
  selfUrl: string;
  alternateUrl: string;
  authority: string;
  entries: AtomEntry[];
  /** Used when there are no entries (Atom requires <updated>). */
  fallbackUpdated: string;
}

/** XML 1.0 text: the five entities, and characters XML cannot carry at all removed. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** tag:<authority>,2026:<key> — the date is when this hub began minting ids, never "today". */
export function tagUri(authority: string, key: string): string {
  return `tag:${authority},2026:${key}`;
}

export function feedUpdated(feed: AtomFeed): string {
  let latest = '';
  for (const e of feed.entries) if (e.updated > latest) latest = e.updated;
  return latest || feed.fallbackUpdated;
}

export function renderAtom(feed: AtomFeed): string {
  const x = xmlEscape;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${x(tagUri(feed.authority, feed.key))}</id>`,
    `  <title>${x(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle>${x(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${x(feedUpdated(feed))}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${x(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(feed.alternateUrl)}"/>`,
    '  <author><name>Open Budget Map</name></author>',
    '  <generator>Open Budget Map</generator>',
  ];
  for (const e of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${x(tagUri(feed.authority, e.key))}</id>`,
      `    <title>${x(e.title)}</title>`,
      `    <updated>${x(e.updated)}</updated>`,
      ...(e.published ? [`    <published>${x(e.published)}</published>`] : []),
      `    <link rel="alternate" type="text/html" href="${x(e.link)}"/>`,
      ...(e.author ? [`    <author><name>${x(e.author)}</name></author>`] : []),
      ...(e.category ? [`    <category term="${x(e.category)}"/>`] : []),
      `    <content type="text">${x(e.content)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
