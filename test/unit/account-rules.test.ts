import { describe, expect, it } from 'vitest';
import { loginRefusal, mayManageAccount, type AccountAction, type AccountManager } from '../../src/domain/users/account-rules.js';
import { waitAfterFailure } from '../../src/domain/users/login-throttle.js';

const actions: AccountAction[] = ['view', 'create', 'disable', 'enable', 'reset_password'];
const admin: AccountManager = { userId: 'a', role: 'admin', canManageAccounts: false };
const manager: AccountManager = { userId: 'm', role: 'union_staff', orgId: 'org_522700', canManageAccounts: true };
const plainStaff: AccountManager = { userId: 's', role: 'union_staff', orgId: 'org_522700', canManageAccounts: false };
const below = ['org_520000', 'org_522700', 'org_522701'];
const sibling = ['org_520000', 'org_522600'];

describe('who manages which login', () => {
  it('when an admin acts on any other login, then every action is allowed; on itself only viewing', () => {
    for (const action of actions) {
      expect(mayManageAccount(admin, { userId: 'x', role: 'admin' }, action)).toBe(true);
      expect(mayManageAccount(admin, { userId: 'x', role: 'union_staff', orgLine: sibling }, action)).toBe(true);
      expect(mayManageAccount(admin, { userId: 'a', role: 'admin' }, action)).toBe(action === 'view');
    }
  });

  it('when staff with the manager right act on staff, then only their org and below; never admins', () => {
    for (const action of actions) {
      expect(mayManageAccount(manager, { userId: 'x', role: 'union_staff', orgLine: below }, action)).toBe(true);
      expect(mayManageAccount(manager, { userId: 'x', role: 'union_staff', orgLine: ['org_520000'] }, action)).toBe(false);
      expect(mayManageAccount(manager, { userId: 'x', role: 'union_staff', orgLine: sibling }, action)).toBe(false);
      expect(mayManageAccount(manager, { userId: 'x', role: 'admin' }, action)).toBe(false);
      expect(mayManageAccount(plainStaff, { userId: 'x', role: 'union_staff', orgLine: below }, action)).toBe(false);
    }
  });

  it('when staff act on enterprise or craftsman logins, then only those in reach and never create them here', () => {
    for (const role of ['enterprise', 'craftsman'] as const) {
      for (const action of actions) {
        expect(mayManageAccount(plainStaff, { userId: 'x', role, subjectInReach: true }, action)).toBe(action !== 'create');
        expect(mayManageAccount(plainStaff, { userId: 'x', role, subjectInReach: false }, action)).toBe(false);
      }
    }
  });

  it('when an enterprise or craftsman acts on another login, then nothing is allowed', () => {
    for (const role of ['enterprise', 'craftsman'] as const) {
      expect(mayManageAccount({ userId: 'e', role, canManageAccounts: false }, { userId: 'x', role: 'enterprise', subjectInReach: true }, 'view')).toBe(false);
    }
  });
});

describe('sign-in refusals and throttle waits', () => {
  it('when the login is disabled or its craftsman suspended or exited, then sign-in is refused with a reason', () => {
    expect(loginRefusal({ userStatus: 'active' })).toBeNull();
    expect(loginRefusal({ userStatus: 'active', craftsmanStatus: 'paused' })).toBeNull();
    expect(loginRefusal({ userStatus: 'disabled' })).toMatch(/停用/);
    expect(loginRefusal({ userStatus: 'active', craftsmanStatus: 'suspended' })).toMatch(/停用/);
    expect(loginRefusal({ userStatus: 'active', craftsmanStatus: 'exited' })).toMatch(/退出/);
  });

  it('when failures pass the free ones, then the wait doubles up to the lock-out window', () => {
    const rule = { freeFailures: 3, baseDelaySeconds: 1, lockoutAfter: 10, lockoutSeconds: 900, windowSeconds: 3600 };
    expect(Array.from({ length: 12 }, (_, i) => waitAfterFailure(i + 1, rule))).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 900, 900, 900]);
  });
});
