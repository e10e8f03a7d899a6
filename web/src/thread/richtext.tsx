/**
 * Renders the parsed comment tree (shared/richtext.ts) as Preact nodes. Text goes in as text only
 * (never markup); links are re-checked here with the same rule before an href is ever set.
 */
import { type Inline, LINK_REL, parseRichText, safeHref } from '../../../shared/richtext';

function Inlines({ nodes }: { nodes: Inline[] }) {
  return (
    <>
      {nodes.map((n, i) => {
        if (n.type === 'break') return <br key={i} />;
        if (n.type === 'text') return n.text;
        const href = safeHref(n.href);
        if (!href) return n.text;
        return (
          <a key={i} href={href} rel={LINK_REL} target="_blank">
            {n.text}
          </a>
        );
      })}
    </>
  );
}

/** A comment's light formatting: paragraphs and bullet lists with safe links. */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {parseRichText(text).map((block, i) =>
        block.type === 'paragraph' ? (
          <p key={i}>
            <Inlines nodes={block.children} />
          </p>
        ) : (
          <ul key={i}>
            {block.items.map((item, j) => (
              <li key={j}>
                <Inlines nodes={item} />
              </li>
            ))}
          </ul>
        ),
      )}
    </>
  );
}
