/**
 * How a Preact page or section plugs into the shell's `render(container) => cleanup` contract
 * (web/src/shell.ts): a fresh root element per call, unmounted (effects cleaned up) by the cleanup.
 * A fresh root, because the shell empties its containers itself, and Preact, diffing against the
 * tree it rendered there last time, would otherwise see "no change" and leave the page blank.
 */
import { type ComponentChild, render } from 'preact';

export function mount(container: HTMLElement, view: ComponentChild): () => void {
  const root = document.createElement('div');
  root.className = 'preact-root';
  container.append(root);
  render(view, root);
  return () => {
    render(null, root);
    root.remove();
  };
}
