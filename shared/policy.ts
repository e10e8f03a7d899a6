/**
 * The one place that decides who may do what. Routes declare an action; handlers that need to
 * know the resource (whose comment, which body) call `can` again with it. Handlers never test
 * roles by hand. The web uses the same rules to show only what a user may do; the API still decides.
 */
import type { Principal, Role } from './users';

/** What a rule may look at besides the user. */
export interface PolicyResource {
  /** Author / asker / owner of the resource. */
  ownerSub?: string;
  /** Government body the resource is addressed to. */
  bodyId?: string;
}

type Rule =
  | 'public'
  | 'signedIn'
  | Role[]
  | ((user: Principal, resource: PolicyResource | undefined) => boolean);

const has = (user: Principal, ...roles: Role[]) => roles.some((r) => user.roles.includes(r));
const actsForBody = (user: Principal, resource: PolicyResource | undefined) =>
  has(user, 'official') && resource?.bodyId !== undefined && user.bodies.includes(resource.bodyId);

export const RULES = {
  // Reading public data.
  'items.read': 'public',
  'stats.read': 'public',
  'docs.read': 'public',
  // Signing in: how to, and the code exchange, are for people not signed in yet.
  'auth.config': 'public',
  'auth.signIn': 'public',
  // A new authenticator app (a new phone) for staff who sign in with TOTP (issue 22).
  'auth.totpRenew': ['official', 'moderator', 'club_secretary', 'admin'],
  // Identity and administration.
  'me.read': 'signedIn',
  'me.update': 'signedIn',
  'me.export': 'signedIn',
  'me.erase': 'signedIn',
  // Accepting the account text at sign-up (PUT /api/me/sign-up), and stopping processing (withdrawing
  // a consent, unfollowing): both are allowed before acceptance (see BEFORE_SIGN_UP below).
  'me.signUp': 'signedIn',
  'me.withdraw': 'signedIn',
  // A signed unsubscribe link works without signing in (RFC 8058 one-click); the signature decides.
  'notifications.unsubscribe': 'public',
  'bodies.read': 'public',
  'bodies.manage': ['admin'],
  'users.manage': ['admin'],
  'changes.read': ['admin'],
  // Budget data maintenance.
  'items.import': ['admin'],
  // Open311 GeoReport v2: reading is public; raising a question needs an API key, checked by the route.
  'open311.read': 'public',
  'open311.submit': 'public',
  // Issuing, listing and revoking Open311 API keys (issue 22).
  'open311.keys': ['admin'],
  // Answering for a body: only that body's officials.
  'body.act': (user, resource) => actsForBody(user, resource),
  // Club sessions: members prepare drafts, the secretary publishes agendas and minutes, officials
  // follow up recommendations addressed to their bodies (the secretary may record it for them).
  'sessions.read': 'public',
  'sessions.edit': ['club_member', 'club_secretary'],
  'sessions.publish': ['club_secretary'],
  'sessions.involved': ['official'],
  'sessions.followUp': (user, resource) => actsForBody(user, resource) || has(user, 'club_secretary'),
  // Issue 21: only the body's own officials say a recommendation is done; the club (members or the
  // secretary) confirms or contests that, and may escalate an overdue one to a control body.
  'sessions.markDone': (user, resource) => actsForBody(user, resource),
  'sessions.verifyFollowUp': ['club_member', 'club_secretary'],
  'sessions.escalate': ['club_member', 'club_secretary'],
  // Invitations (issue 21): only the secretary invites and records attendance; only an official of
  // the invited body answers its invitation.
  'sessions.invite': ['club_secretary'],
  'sessions.rsvp': (user, resource) => actsForBody(user, resource),
  // The impact ledger: the secretary records an effect, an official of its body confirms it.
  'impact.record': ['club_secretary'],
  'impact.confirm': (user, resource) => actsForBody(user, resource),
  // Questions to bodies (APPC art. 76): anyone signed in asks; only officials of the body the
  // question is addressed to work on it; only the asker accepts, disputes or rates the answer.
  'questions.read': 'public',
  'questions.raise': 'signedIn',
  'questions.mine': 'signedIn',
  'questions.inbox': (user, resource) => actsForBody(user, resource),
  'questions.review': (user, resource) => actsForBody(user, resource),
  'questions.answer': (user, resource) => actsForBody(user, resource),
  'questions.extend': (user, resource) => actsForBody(user, resource),
  'questions.redirect': (user, resource) => actsForBody(user, resource),
  'questions.accept': (user, resource) => resource?.ownerSub === user.sub,
  'questions.dispute': (user, resource) => resource?.ownerSub === user.sub,
  'questions.rate': (user, resource) => resource?.ownerSub === user.sub,
  // Escalating an overdue answer (APPK art. 91(2), 92): the asker's own complaint.
  'questions.escalate': (user, resource) => resource?.ownerSub === user.sub,
  // Recording the eOtinish registration number (a public change): the body's officials.
  'questions.register': (user, resource) => actsForBody(user, resource),
  // The officials' desk (issue 20): templates, assignments, internal notes and the roster are
  // internal to the body; only its own officials read or change them (not admins, not moderators).
  'inbox.templates': (user, resource) => actsForBody(user, resource),
  'inbox.assign': (user, resource) => actsForBody(user, resource),
  'inbox.notes': (user, resource) => actsForBody(user, resource),
  'inbox.officials': (user, resource) => actsForBody(user, resource),
  'responsiveness.read': 'public',
  // A body's contacts (issue 20, item 3): an admin or the body's own officials set its shared
  // mailbox and see the address; following the link mailed to it needs no account (the token
  // decides); whether its notifications work is public (without the address).
  'bodyContacts.manage': (user, resource) => has(user, 'admin') || actsForBody(user, resource),
  'bodyContacts.verify': 'public',
  'bodyContacts.status': 'public',
  // Issue 18: an official of the item's body explains a risk flag on it, publicly (the flag stays).
  'flags.explain': (user, resource) => actsForBody(user, resource),
  // Editing or withdrawing it: any official of the body it speaks for (the reply is the body's).
  'flags.explanationEdit': (user, resource) => actsForBody(user, resource),
  // Tamper evidence is for everyone to check.
  'audit.verify': 'public',
  'audit.entries': 'public',
  // Discussion threads: anyone reads, anyone signed in comments, supports, flags and follows;
  // only the author edits or deletes a comment; moderators hide, restore and read the audit log.
  'threads.read': 'public',
  'threads.comment': 'signedIn',
  'threads.support': 'signedIn',
  'threads.flag': 'signedIn',
  'threads.follow': 'signedIn',
  'threads.editOwn': (user, resource) => resource?.ownerSub === user.sub,
  'uploads.create': 'signedIn',
  // Site visits (public monitoring): anyone reads; anyone signed in records one. A visit is never
  // edited once recorded (there is no edit route), so nobody edits another's.
  'visits.read': 'public',
  'visits.record': 'signedIn',
  // Officials' progress updates (issue 19): anyone reads; only an official of the item's body posts one.
  'progress.read': 'public',
  'progress.post': (user, resource) => actsForBody(user, resource),
  'feed.read': 'signedIn',
  // Telegram: a user links or unlinks their own chat; the webhook is Telegram's, checked by its secret.
  'telegram.link': 'signedIn',
  'telegram.webhook': 'public',
  'moderation.read': ['moderator', 'admin'],
  'moderation.act': ['moderator', 'admin'],
  'moderation.block': ['moderator', 'admin'],
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;

/**
 * What a signed-in account may change before it has accepted the current account text at sign-up
 * (Law No. 94-V, art. 7: its data is processed only with that consent): accept it, take its data
 * away, erase itself, stop a processing (withdraw a consent, unfollow), and sign in or out (public
 * actions, like the signed unsubscribe link, never depend on the account). Every other write is
 * refused with 403 `account.sign_up_required` (functions/api/auth.ts); reading is always allowed,
 * so the web app can show the sign-up page.
 */
const BEFORE_SIGN_UP: ReadonlySet<Action> = new Set<Action>([
  'me.signUp',
  'me.export',
  'me.erase',
  'me.withdraw',
  // Renewing the authenticator is part of signing in (a new phone), not a contribution.
  'auth.totpRenew',
]);

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether `method` on a route declaring `action` needs the account's sign-up acceptance. */
export function needsSignUp(action: Action, method: string): boolean {
  return !READS.has(method.toUpperCase()) && !isPublic(action) && !BEFORE_SIGN_UP.has(action);
}

export function isPublic(action: Action): boolean {
  return RULES[action] === 'public';
}

export function can(user: Principal | null, action: Action, resource?: PolicyResource): boolean {
  const rule: Rule = RULES[action];
  if (rule === 'public') return true;
  if (!user) return false;
  if (rule === 'signedIn') return true;
  if (Array.isArray(rule)) return has(user, ...rule);
  return rule(user, resource);
}
