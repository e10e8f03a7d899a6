/**
 * Renders the parsed comment tree (shared/richtext.ts) as DOM nodes. Text goes in through text
 * nodes only; links are re-checked here with the same rule before an href is ever set.
 */
import { type Inline, LINK_REL, parseRichText, type RichText, safeHref } from '../../../shared/richtext';

function inline(parent: HTMLElement, nodes: Inline[]): void {
  for (const n of nodes) {
    if (n.type === 'break') parent.append(document.createElement('br'));
    else if (n.type === 'text') parent.append(document.createTextNode(n.text));
    else {
      const href = safeHref(n.href);
      if (!href) {
        parent.append(document.createTextNode(n.text));
        continue;
      }
      const a = document.createElement('a');
      a.href = href;
      a.rel = LINK_REL;
      a.target = '_blank';
      a.textContent = n.text;
      parent.append(a);
    }
  }
}

export function renderRichText(tree: RichText): DocumentFragment {
  const out = document.createDocumentFragment();
  for (const block of tree) {
    if (block.type === 'paragraph') {
      const p = document.createElement('p');
      inline(p, block.children);
      out.append(p);
    } else {
      const ul = document.createElement('ul');
      for (const item of block.items) {
        const li = document.createElement('li');
        inline(li, item);
        ul.append(li);
      }
      out.append(ul);
    }
  }
  return out;
}

export function renderCommentText(text: string): DocumentFragment {
  return renderRichText(parseRichText(text));
}
