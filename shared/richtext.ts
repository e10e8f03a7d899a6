/**
 * Light formatting for comments: paragraphs (blank line between), bullet lists (lines starting with
 * "- " or "* "), and links (bare http/https URLs, `[label](url)`, `mailto:` addresses). The text is
 * stored as the user typed it; this parser turns it into a small tree the web renders as DOM nodes
 * with `textContent` — never as an HTML string, so no markup in a comment can ever become markup on
 * the page. Links survive only when their scheme is http, https or mailto after strict parsing.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'link'; href: string; text: string }
  | { type: 'break' };

export type Block = { type: 'paragraph'; children: Inline[] } | { type: 'list'; items: Inline[][] };

export type RichText = Block[];

/** Attributes every rendered link carries: user links are not endorsed and cannot reach the opener. */
export const LINK_REL = 'nofollow ugc noopener';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

// Bidirectional overrides/isolates and invisible characters: they let a link or a name read
// differently from what it is ("moc.evil" shown as "evil.com"), so they never reach the page.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Removes characters that only serve to disguise text; keeps every visible character. */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE, '').replace(CONTROL, '');
}

/**
 * The href to render for `raw`, or null when it must stay plain text. Anything with whitespace,
 * control or invisible characters is refused outright (they are how "java\u200Bscript:" and
 * "jav&#x09;ascript:" tricks work), then the URL must parse with an allowed protocol.
 */
export function safeHref(raw: string): string | null {
  if (raw.length === 0 || raw.length > 2000) return null;
  if (/\s/.test(raw) || new RegExp(INVISIBLE.source).test(raw) || new RegExp(CONTROL.source).test(raw)) {
    return null;
  }
  if (!/^(https?:\/\/|mailto:)/i.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && !url.hostname) return null;
  return url.href;
}

// `[label](url)`, a bare http(s) URL, or a bare e-mail address.
const LINK_PATTERN =
  /\[([^\]\n]{1,200})\]\(([^()\s]{1,2000})\)|(https?:\/\/[^\s<>"'`]+)|(mailto:[^\s<>"'`]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

// Punctuation that ends a sentence rather than a URL.
const TRAILING = /[.,;:!?)\]}'"»]+$/;

function pushText(out: Inline[], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text += text;
  else out.push({ type: 'text', text });
}

function parseInline(line: string, out: Inline[]): void {
  let at = 0;
  for (const m of line.matchAll(LINK_PATTERN)) {
    const start = m.index ?? 0;
    pushText(out, line.slice(at, start));
    let consumed = m[0];
    if (m[1] !== undefined && m[2] !== undefined) {
      const href = safeHref(m[2]);
      if (href) out.push({ type: 'link', href, text: m[1] });
      else pushText(out, m[0]);
    } else {
      const bare = m[3] ?? m[4] ?? '';
      const trail = TRAILING.exec(bare)?.[0] ?? '';
      consumed = bare.slice(0, bare.length - trail.length);
      const raw = m[4] !== undefined && !/^mailto:/i.test(consumed) ? `mailto:${consumed}` : consumed;
      const href = safeHref(raw);
      if (href) out.push({ type: 'link', href, text: consumed });
      else pushText(out, consumed);
    }
    at = start + consumed.length;
  }
  pushText(out, line.slice(at));
}

const BULLET = /^\s*[-*•]\s+/;

/** Parses comment text into blocks. Pure and total: any string gives a tree, never throws. */
export function parseRichText(input: string): RichText {
  const text = cleanText(input.replace(/\r\n?/g, '\n'));
  const blocks: RichText = [];
  for (const chunk of text.split(/\n[ \t]*\n+/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.every((l) => BULLET.test(l))) {
      blocks.push({
        type: 'list',
        items: lines.map((l) => {
          const item: Inline[] = [];
          parseInline(l.replace(BULLET, '').trim(), item);
          return item;
        }),
      });
      continue;
    }
    const children: Inline[] = [];
    lines.forEach((l, i) => {
      if (i > 0) children.push({ type: 'break' });
      parseInline(l.trim(), children);
    });
    blocks.push({ type: 'paragraph', children });
  }
  return blocks;
}

/** The text a reader sees, without formatting: for previews, notifications and search. */
export function plainText(tree: RichText): string {
  const inline = (xs: Inline[]) => xs.map((x) => (x.type === 'break' ? '\n' : x.text)).join('');
  return tree
    .map((b) =>
      b.type === 'paragraph' ? inline(b.children) : b.items.map((i) => `• ${inline(i)}`).join('\n'),
    )
    .join('\n\n');
}
