/**
 * "Sign in to …" as a plain DOM link, for the map shell's modules not yet on Preact (visits/panel.ts);
 * components use ../ui/SignInLink.tsx. The address is read when the link is followed (or hovered,
 * focused: a new tab or a copied link also returns to the page the user is on then).
 */
import { navigate } from '../shell';
import { signInHref } from './paths';

export function signInLink(label: string, className = 'auth-sign-in-to'): HTMLAnchorElement {
  const a = document.createElement('a');
  a.className = className;
  a.textContent = label;
  a.href = signInHref();
  const refresh = () => a.setAttribute('href', signInHref());
  a.addEventListener('pointerenter', refresh);
  a.addEventListener('focus', refresh);
  a.addEventListener('click', (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    navigate(signInHref());
  });
  return a;
}
