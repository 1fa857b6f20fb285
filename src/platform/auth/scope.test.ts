// The access seam on its own: each role's reach, the reach of one record, the same reach as SQL, and loadOr404.
import { describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { AppError } from '../http/errors.ts';
import type { SessionUser } from './auth.contract.ts';
import { inScope, loadOr404, scopeWhere, userScope, type Scope } from './scope.ts';

const base: SessionUser = {
  id: 'u1',
  username: 'u',
  displayName: 'U',
  role: 'admin',
  districtId: 'd1',
  districtName: 'D',
  unitId: null,
  unitName: null,
  enterpriseId: null,
  enterpriseName: null,
  operatorId: null,
  operatorName: null,
  mustChangePassword: false,
};
const as = (over: Partial<SessionUser>): SessionUser => ({ ...base, ...over });

describe('userScope', () => {
  it('gives the plan office the district, and nothing to the public', () => {
    expect(userScope(as({ role: 'admin' }))).toEqual({ all: true });
    expect(userScope(null)).toEqual({ none: true });
  });

  it("gives a department the district for oversight, or only its own unit's records", () => {
    const dept = as({ role: 'department', unitId: 'jxw' });
    expect(userScope(dept)).toEqual({ all: true });
    expect(userScope(dept, { department: 'unit' })).toEqual({ unitId: 'jxw' });
    expect(userScope(as({ role: 'department' }), { department: 'unit' })).toEqual({ none: true });
  });

  it('confines a subdistrict to its 镇街 and an enterprise to itself; unbound accounts reach nothing', () => {
    expect(userScope(as({ role: 'subdistrict', unitId: 'sqp' }))).toEqual({ subdistrictId: 'sqp' });
    expect(userScope(as({ role: 'enterprise', enterpriseId: 'e9' }))).toEqual({ enterpriseId: 'e9' });
    expect(userScope(as({ role: 'subdistrict' }))).toEqual({ none: true });
    expect(userScope(as({ role: 'enterprise' }))).toEqual({ none: true });
  });

  it('confines a building operator to its own buildings, whatever the department option says', () => {
    expect(userScope(as({ role: 'operator', operatorId: 'op1' }))).toEqual({ operatorId: 'op1' });
    expect(userScope(as({ role: 'operator', operatorId: 'op1' }), { department: 'unit' })).toEqual({
      operatorId: 'op1',
    });
    expect(userScope(as({ role: 'operator' }))).toEqual({ none: true });
  });
});

describe('inScope', () => {
  const record = { enterpriseId: 'e9', subdistrictId: 'sqp', unitId: 'jxw', operatorId: 'op1' };
  it.each<[Scope, boolean]>([
    [{ all: true }, true],
    [{ none: true }, false],
    [{ unitId: 'jxw' }, true],
    [{ unitId: 'kw' }, false],
    [{ subdistrictId: 'sqp' }, true],
    [{ subdistrictId: 'yjp' }, false],
    [{ enterpriseId: 'e9' }, true],
    [{ enterpriseId: 'e1' }, false],
    [{ operatorId: 'op1' }, true],
    [{ operatorId: 'op2' }, false],
  ])('%j over the record → %s', (scope, expected) => {
    expect(inScope(scope, record)).toBe(expected);
  });

  it('never matches a record that lacks the key the scope is about (closed by default)', () => {
    expect(inScope({ unitId: 'jxw' }, { enterpriseId: 'e9' })).toBe(false);
    expect(inScope({ subdistrictId: 'sqp' }, { subdistrictId: null })).toBe(false);
    expect(inScope({ enterpriseId: '' }, { enterpriseId: '' })).toBe(false);
    expect(inScope({ operatorId: 'op1' }, { subdistrictId: 'sqp' })).toBe(false);
  });
});

describe('scopeWhere', () => {
  const dialect = new PgDialect();
  const render = (scope: Scope, cols: Parameters<typeof scopeWhere>[1]) => {
    const { sql: text, params } = dialect.sqlToQuery(scopeWhere(scope, cols));
    return { sql: text, params };
  };
  const cols = {
    enterpriseId: sql.raw('e.id'),
    subdistrictId: sql.raw('e.subdistrict_id'),
    unitId: sql.raw('t.unit_id'),
    operatorId: sql.raw('b.operator_id'),
  };

  it('turns each scope into one condition on the matching column', () => {
    expect(render({ all: true }, cols)).toEqual({ sql: 'TRUE', params: [] });
    expect(render({ none: true }, cols)).toEqual({ sql: 'FALSE', params: [] });
    expect(render({ subdistrictId: 'sqp' }, cols)).toEqual({ sql: 'e.subdistrict_id = $1', params: ['sqp'] });
    expect(render({ enterpriseId: 'e9' }, cols)).toEqual({ sql: 'e.id = $1', params: ['e9'] });
    expect(render({ unitId: 'jxw' }, cols)).toEqual({ sql: 't.unit_id = $1', params: ['jxw'] });
    expect(render({ operatorId: 'op1' }, cols)).toEqual({ sql: 'b.operator_id = $1', params: ['op1'] });
  });

  it('shows nothing when the query has no column for the scope (a forgotten column fails closed)', () => {
    expect(render({ unitId: 'jxw' }, { enterpriseId: sql.raw('e.id') })).toEqual({
      sql: 'FALSE',
      params: [],
    });
    expect(render({ subdistrictId: 'sqp' }, {})).toEqual({ sql: 'FALSE', params: [] });
    expect(render({ operatorId: 'op1' }, { subdistrictId: sql.raw('b.subdistrict_id') })).toEqual({
      sql: 'FALSE',
      params: [],
    });
  });
});

describe('loadOr404', () => {
  it('returns a visible record', async () => {
    await expect(
      loadOr404(
        async () => ({ id: 1 }),
        () => true,
      ),
    ).resolves.toEqual({ id: 1 });
  });

  it('answers an absent record and one out of sight with the same 404', async () => {
    const absent = await loadOr404(
      async () => undefined,
      () => true,
      '企业',
    ).catch((e: unknown) => e);
    const hidden = await loadOr404(
      async () => ({ id: 1 }),
      () => false,
      '企业',
    ).catch((e: unknown) => e);
    for (const e of [absent, hidden]) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('NOT_FOUND');
      expect((e as AppError).message).toBe('企业不存在');
    }
  });
});
