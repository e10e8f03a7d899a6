/**
 * "Sign in to …" as a link to the sign-in page that comes back here afterwards. The address is read
 * when the link is followed (or hovered, focused: a new tab or a copied link also returns here).
 */
import { signInHref } from '../auth/paths';
import { navigate } from '../shell';

export function SignInLink({ label, className = 'auth-sign-in-to' }: { label: string; className?: string }) {
  const refresh = (e: Event) => (e.currentTarget as HTMLAnchorElement).setAttribute('href', signInHref());
  const follow = (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    navigate(signInHref());
  };
  return (
    <a href={signInHref()} className={className} onClick={follow} onPointerEnter={refresh} onFocus={refresh}>
      {label}
    </a>
  );
}
