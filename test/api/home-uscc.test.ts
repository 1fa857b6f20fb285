// A duplicate USCC on create or edit: the 409 points to the existing record when the caller may read it, and says
// nothing of which enterprise holds the code when it lies outside the caller's reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeDistrict, usccOf, type HomeDistrict } from './home-fixture.ts';

let d: HomeDistrict;
beforeAll(async () => {
  d = await homeDistrict(() => new Date('2026-05-20T02:00:00Z'));
});
afterAll(async () => {
  await d?.p.close();
});

const body = (uscc: string, subdistrictId: string) => ({
  uscc,
  name: '重复代码测试科技有限公司',
  registrationDate: '2021-01-01',
  subdistrictId,
});

describe('a duplicate USCC', () => {
  it('the plan office is told which record holds it', async () => {
    const res = await d.admin.request('POST', '/api/enterprises', body(usccOf(4), d.units.west));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      code: 'CONFLICT',
      message: `统一社会信用代码 ${usccOf(4)} 已登记`,
      fields: [{ path: 'uscc', message: '该统一社会信用代码已登记' }],
      existingId: d.ids.D,
    });
  });

  it('a subdistrict registering its own enterprise under a code its own enterprise holds gets the link', async () => {
    const res = await d.east.request('POST', '/api/enterprises', body(usccOf(1), d.units.east));
    expect(res.statusCode).toBe(409);
    expect(res.json().existingId).toBe(d.ids.A);
  });

  it('under a code another subdistrict’s enterprise holds: refused, with no id', async () => {
    const res = await d.east.request('POST', '/api/enterprises', body(usccOf(4), d.units.east));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      code: 'CONFLICT',
      message: `统一社会信用代码 ${usccOf(4)} 已登记`,
      fields: [{ path: 'uscc', message: '该统一社会信用代码已登记' }],
    });
  });

  it('editing an enterprise to a code that is taken answers the same way', async () => {
    const current = (await d.east.get(`/api/enterprises/${d.ids.B}`)).json();
    const edit = (uscc: string) => ({
      ...body(uscc, d.units.east),
      name: current.name,
      registrationDate: current.registrationDate,
    });
    const own = await d.east.request('PUT', `/api/enterprises/${d.ids.B}`, edit(usccOf(1)));
    expect([own.statusCode, own.json().existingId]).toEqual([409, d.ids.A]);
    const other = await d.east.request('PUT', `/api/enterprises/${d.ids.B}`, edit(usccOf(5)));
    expect(other.statusCode).toBe(409);
    expect(other.json()).not.toHaveProperty('existingId');
  });
});
