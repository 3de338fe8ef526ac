import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../domain/actors';

/** The roles a person can hold in a token; `recipient` and `system` are never people who sign in. */
export const staffRoles = ['agent', 'counsel', 'coordinator', 'supervisor'] as const satisfies readonly Role[];
export type StaffRole = (typeof staffRoles)[number];

/** Every role a token may carry: the staff, and industry partners, who may only submit leads and see their own. */
export const signInRoles = [...staffRoles, 'partner'] as const satisfies readonly Role[];
export type SignInRole = (typeof signInRoles)[number];

export interface SeedUser {
  username: string;
  name: string;
  email: string;
  role: SignInRole;
  /** The team whose cases the person works (domain/membership.ts); the token carries it in the team claim. */
  team: string;
  /** Development password: shown at start and in the README; never use these outside one machine. */
  password: string;
}

/**
 * The people of the embedded identity provider, in two teams so that membership shows: the Miami team (an
 * agent and two counsel, so one can decide what the other initiated: four eyes), the Newark team (an agent
 * and a counsel), and a coordinator and a supervisor, who read every case; and two partner organisations'
 * accounts. Their names match the test fixtures.
 */
export const seedUsers: readonly SeedUser[] = [
  { username: 'rivera', name: 'Special Agent Dana Rivera', email: 'dana.rivera@hsi.example', role: 'agent', team: 'miami-ipr', password: 'rivera-dev-password' },
  { username: 'okafor', name: 'AUSA Grace Okafor', email: 'grace.okafor@usdoj.example', role: 'counsel', team: 'miami-ipr', password: 'okafor-dev-password' },
  { username: 'lindqvist', name: 'AUSA Erik Lindqvist', email: 'erik.lindqvist@usdoj.example', role: 'counsel', team: 'miami-ipr', password: 'lindqvist-dev-password' },
  { username: 'moreau', name: 'Special Agent Luc Moreau', email: 'luc.moreau@hsi.example', role: 'agent', team: 'newark-ipr', password: 'moreau-dev-password' },
  { username: 'haddad', name: 'AUSA Samira Haddad', email: 'samira.haddad@usdoj.example', role: 'counsel', team: 'newark-ipr', password: 'haddad-dev-password' },
  { username: 'patel', name: 'Coordinator Asha Patel', email: 'asha.patel@iprcenter.example', role: 'coordinator', team: 'ipr-center', password: 'patel-dev-password' },
  { username: 'chen', name: 'SSA Wei Chen', email: 'wei.chen@hsi.example', role: 'supervisor', team: 'miami-ipr', password: 'chen-dev-password' },
  // Industry partners (issue 16): each speaks for its organisation (the team claim), submits leads and sees only its own.
  { username: 'vantage', name: 'Vantage Brands (rights holder)', email: 'referrals@vantage-brands.example', role: 'partner', team: 'vantage-brands', password: 'vantage-dev-password' },
  { username: 'paysafe', name: 'PaySafe Trust & Safety (payment processor)', email: 'trust@paysafe.example', role: 'partner', team: 'paysafe-trust', password: 'paysafe-dev-password' },
];

/** A user as the provider keeps it: the password only as a salted scrypt hash. */
export interface StoredUser extends Omit<SeedUser, 'password'> {
  salt: Buffer;
  hash: Buffer;
}

const hashOf = (password: string, salt: Buffer) => scryptSync(password, salt, 32);

export function storeUser(user: SeedUser): StoredUser {
  const { password, ...rest } = user;
  const salt = randomBytes(16);
  return { ...rest, salt, hash: hashOf(password, salt) };
}

// Compared against when the username is unknown, so a wrong name costs the same time as a wrong password.
const decoy = storeUser({ username: '', name: '', email: '', role: 'agent', team: '', password: randomBytes(12).toString('hex') });

/** The user whose password matches, or undefined; constant-time and the same cost for unknown names. */
export function checkPassword(users: readonly StoredUser[], username: string, password: string): StoredUser | undefined {
  const user = users.find((u) => u.username === username.trim().toLowerCase());
  const against = user ?? decoy;
  const matches = timingSafeEqual(hashOf(password, against.salt), against.hash);
  return user && matches ? user : undefined;
}
