/**
 * A link inside the app: a plain left click navigates without reloading (the shell's router), any
 * modified click (new tab, new window) is left to the browser.
 */
import type { ComponentChildren } from 'preact';
import { navigate } from '../shell';

export function Link({
  href,
  className,
  children,
}: {
  href: string;
  className?: string;
  children: ComponentChildren;
}) {
  const follow = (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} className={className} onClick={follow}>
      {children}
    </a>
  );
}
