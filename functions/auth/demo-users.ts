/**
 * The people of the local hub: who a newcomer can sign in as with `npm start`. Every role is here,
 * and an official of each demo body, so any screen can be tried as anyone. Local only: these
 * profiles are never written to a cloud table (scripts/start.ts seeds them; cloud.ts does not).
 */

import type { Store } from '../data/client';
import { putConsentIfMissing } from '../data/consents';
import { putProfileIfMissing, type UserProfile } from '../data/users';
import { DEMO_BODIES } from '../demo/bodies';
import { accountAcceptance } from '../services/consents';

const people: UserProfile[] = [
  { sub: 'demo-citizen-aigerim', name: 'Айгерім Сейітова', roles: ['citizen'], bodies: [] },
  { sub: 'demo-citizen-nurlan', name: 'Нұрлан Әбенов', roles: ['citizen'], bodies: [] },
  { sub: 'demo-member-dana', name: 'Дана Жұмабекова', roles: ['citizen', 'club_member'], bodies: [] },
  { sub: 'demo-member-erlan', name: 'Ерлан Қасымов', roles: ['citizen', 'club_member'], bodies: [] },
  {
    sub: 'demo-secretary-gulnara',
    name: 'Гүлнара Төлеуова',
    roles: ['citizen', 'club_member', 'club_secretary'],
    bodies: [],
  },
  { sub: 'demo-moderator-marat', name: 'Марат Есенов', roles: ['citizen', 'moderator'], bodies: [] },
  { sub: 'demo-admin-saule', name: 'Сәуле Бекова', roles: ['citizen', 'admin'], bodies: [] },
];

// Invented names, one per demo body in DEMO_BODIES order; the badge names the body.
const OFFICIAL_NAMES = [
  'Бауыржан Оспанов',
  'Жанар Мұратова',
  'Асхат Нұрмағанбетов',
  'Ләззат Әлиева',
  'Серік Жақыпов',
  'Мөлдір Исаева',
  'Ғалым Байжанов',
  'Эльмира Садықова',
  'Арман Құдайбергенов',
  'Динара Омарова',
  'Талғат Серікбаев',
  'Ақмарал Бектұрова',
  'Нұржан Әміров',
  'Салтанат Қалиева',
  'Ержан Тұрсынов',
  'Гауһар Смағұлова',
  'Қайрат Есімов',
  'Меруерт Ахметова',
  'Дәурен Сұлтанов',
];

// Pure (no side effects): a bundle that imports this module without using it drops it whole.
const officials: UserProfile[] = /* @__PURE__ */ DEMO_BODIES.map((b, i) => ({
  sub: `demo-official-${b.id}`,
  name: OFFICIAL_NAMES[i] ?? `Official ${b.id}`,
  roles: ['citizen', 'official'],
  bodies: [b.id],
}));

export const DEMO_USERS: readonly UserProfile[] = /* @__PURE__ */ people.concat(officials);

/**
 * The authenticator secret every demo staff member gets from the local issuer (base32): public on
 * purpose, so a newcomer can add it to an app once and browser tests can compute the code. Local
 * only, like the demo users themselves; real staff set up their own secret with Cognito.
 */
export const DEMO_TOTP_SECRET = 'OBMDEMOSTAFFTOTPSECRETLOCALONLY23';

/**
 * Writes the demo users that are missing; grants made since (through the admin API) survive. Each
 * has accepted the account text, as after a real sign-up (the API refuses writes until then); the
 * sign-up page itself is met by a new account (test/e2e/signin-oauth.test.ts).
 */
export async function seedDemoUsers(store: Store, now = new Date()): Promise<number> {
  let written = 0;
  for (const u of DEMO_USERS) if (await putProfileIfMissing(store, u)) written++;
  const acceptance = accountAcceptance(now.toISOString());
  await Promise.all(DEMO_USERS.map((u) => putConsentIfMissing(store, u.sub, acceptance)));
  return written;
}
