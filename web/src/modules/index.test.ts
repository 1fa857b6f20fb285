// The module list keeps the app's URLs, their guards and the side menu's order as they were before the list existed.
import { describe, expect, it } from 'vitest';
import type { RouteObject } from 'react-router-dom';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { webModules } from './index.ts';

/** Every path with the roles its guards demand ('signed-in' for RequireAuth without roles, '' for none). */
function paths(routes: RouteObject[], guard = ''): string[] {
  return routes.flatMap((r) => {
    const props = (r.element as { props?: { roles?: string[] } } | undefined)?.props;
    const g = r.element && !r.path && !r.index ? (props?.roles?.join('|') ?? 'signed-in') : guard;
    const here = r.index ? ['(index)'] : r.path ? [`${r.path} ${g}`.trim()] : [];
    return [...here, ...paths(r.children ?? [], g)];
  });
}

const user = (role: SessionUser['role'], extra: Partial<SessionUser> = {}) =>
  ({
    id: 'u',
    username: 'u',
    displayName: 'U',
    role,
    unitId: null,
    enterpriseId: null,
    ...extra,
  }) as SessionUser;
const menu = (u: SessionUser | null) =>
  webModules.flatMap((m) => m.menu?.(u, (k) => k) ?? []).map((i) => i.path);

describe('the web module list', () => {
  it('mounts the same URLs behind the same guards', () => {
    expect(paths(webModules.flatMap((m) => m.routes ?? [])).sort()).toEqual(
      [
        '(index)',
        'plan',
        'plan/tasks/:number',
        'units',
        'units/:id',
        'policies admin|department|subdistrict',
        'policies/:id admin|department|subdistrict',
        'tiers admin|department|subdistrict',
        'policies/new admin',
        'policies/:id/edit admin',
        'grants admin|department|subdistrict',
        'grants/batches/:id admin|department|subdistrict',
        'supervision admin|department|subdistrict',
        'supervision/todo admin|department|subdistrict',
        'supervision/notices admin|department|subdistrict',
        'supervision/tasks admin|department|subdistrict',
        'service-desk/requests/:id admin|department|subdistrict|enterprise',
        'service-desk/mine enterprise',
        'service-desk/new admin|subdistrict|enterprise',
        'service-desk admin|department|subdistrict',
        'service-desk/figures admin|department|subdistrict',
        'service-desk/config admin',
        'meetings admin|department|subdistrict',
        'meetings/:id admin|department|subdistrict',
        'assessment admin|department|subdistrict',
        'assessment/scheme admin|department|subdistrict',
        'assessment/units/:id admin|department|subdistrict',
        'enterprises/:id/policies signed-in',
        'home signed-in',
        'monitoring signed-in',
        'monitoring/targets/:code signed-in',
        'enterprises signed-in',
        'enterprises/:id signed-in',
        'enterprises/:id/reports/:period signed-in',
        'inbox signed-in',
        'monitoring/reporting admin|department|subdistrict',
        'reports/import admin|subdistrict',
        'enterprises/new admin|subdistrict',
        'enterprises/import admin|subdistrict',
        'enterprises/:id/edit admin|subdistrict|enterprise',
        'users admin',
        'audit admin',
        'backups admin',
        'help',
      ].sort(),
    );
    expect(paths(webModules.flatMap((m) => m.publicRoutes ?? [])).sort()).toEqual([
      '(index)',
      'help',
      'notices',
      'notices/:id',
      // the objection status page (a filer follows an objection by its receipt number)
      'objections',
      // the service desk's figures and knowledge base, and one published answer
      'service-desk',
      'service-desk/:id',
      'targets/:code',
      // the key tasks' colours (督查督办), task level only
      'tasks',
    ]);
  });

  it('orders the side menu as before', () => {
    expect(menu(null)).toEqual(['/plan', '/units', '/help']);
    expect(menu(user('admin'))).toEqual([
      '/monitoring',
      '/plan',
      '/units',
      '/enterprises',
      '/monitoring/reporting',
      '/policies',
      '/tiers',
      '/grants',
      '/supervision',
      '/supervision/notices',
      '/supervision/tasks',
      '/service-desk',
      '/service-desk/figures',
      '/service-desk/config',
      '/meetings',
      '/assessment',
      '/users',
      '/audit',
      '/backups',
      '/help',
    ]);
    // every other role starts at its own home (我的工作台), then the overview
    expect(menu(user('enterprise', { enterpriseId: 'e1' })).slice(0, 2)).toEqual(['/home', '/monitoring']);
    expect(menu(user('enterprise', { enterpriseId: 'e1' }))[4]).toBe('/enterprises/e1');
    // the service desk: an enterprise's 我的诉求; a unit's workbench and figures
    expect(menu(user('enterprise', { enterpriseId: 'e1' }))).toContain('/service-desk/mine');
    expect(menu(user('enterprise', { enterpriseId: 'e1' }))).not.toContain('/service-desk');
    expect(menu(user('department', { unitId: 'd1' }))).toEqual(
      expect.arrayContaining(['/service-desk', '/service-desk/figures']),
    );
    expect(menu(user('department', { unitId: 'd1' }))).not.toContain('/service-desk/config');
    expect(menu(user('subdistrict', { unitId: 's1' }))[0]).toBe('/home');
    expect(menu(user('department', { unitId: 'd1' }))[0]).toBe('/home');
  });
});
