import { describe, expect, it } from 'vitest';
import { afterSignInPath, returnPath, SIGN_UP_PATH, signInHref } from './paths';

describe('sign-in return path', () => {
  it('carries the page the user was on, query and hash included, and gives it back', () => {
    const href = signInHref('/items/01ABC?view=list#thread');
    expect(href).toBe('/sign-in?next=%2Fitems%2F01ABC%3Fview%3Dlist%23thread');
    expect(returnPath(new URL(href, 'http://x').search)).toBe('/items/01ABC?view=list#thread');
  });

  it('never returns to another site', () => {
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)'])
      expect(returnPath(`?next=${encodeURIComponent(next)}`)).toBe('/');
  });

  it('returns to the map when there is no next', () => {
    expect(returnPath('')).toBe('/');
  });
});

describe('after signing in', () => {
  it('a new account goes through the sign-up step first, which then returns to where it was going', () => {
    const to = afterSignInPath({ signUp: { accepted: false } }, '/items/01ABC');
    expect(to).toBe(`${SIGN_UP_PATH}?next=%2Fitems%2F01ABC`);
    expect(returnPath(new URL(to, 'http://x').search)).toBe('/items/01ABC');
    expect(afterSignInPath({ signUp: { accepted: false } }, '/')).toBe(SIGN_UP_PATH);
  });

  it('an account that accepted (or a server that does not ask) goes straight on', () => {
    expect(afterSignInPath({ signUp: { accepted: true } }, '/items/01ABC')).toBe('/items/01ABC');
    expect(afterSignInPath({}, '/')).toBe('/');
    expect(afterSignInPath(null, '/')).toBe('/');
  });
});
