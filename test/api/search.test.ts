// The header's global search: enterprises by name or USCC within each role's reach (an enterprise user never finds
// another), policies for staff, key tasks and units for everyone signed in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../harness.ts';
import { homeDistrict, usccOf, type HomeDistrict } from './home-fixture.ts';
import type { SearchResult } from '../../src/modules/search/search.contract.ts';

const clock = new Date('2026-05-20T02:00:00Z');
let d: HomeDistrict;
let policyId: string;

beforeAll(async () => {
  d = await homeDistrict(() => clock);
  const res = await d.admin.request('POST', '/api/policies', {
    code: 'searchTest',
    definition: {
      name: '软件企业规上奖励',
      eligibility: { kind: 'aboveScale', value: true },
      parameters: { reward: { label: '奖励', unit: '万元', values: [{ from: '2026-01-01', value: 1 }] } },
      benefit: { formula: { kind: 'param', name: 'reward' } },
    },
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  policyId = res.json<{ id: string }>().id;
});
afterAll(async () => {
  await d?.p.close();
});

const find = async (c: Client, q: string) => {
  const res = await c.get(`/api/search?q=${encodeURIComponent(q)}`);
  expect(res.statusCode).toBe(200);
  return res.json<SearchResult>().items;
};
const titles = (items: SearchResult['items'], kind: string) =>
  items.filter((i) => i.kind === kind).map((i) => i.title);

describe('enterprises', () => {
  it('staff who see the district find one by its full USCC, with where it is and the link to it', async () => {
    for (const c of [d.admin, d.dept]) {
      const items = await find(c, usccOf(4));
      expect(items).toEqual([
        {
          kind: 'enterprise',
          id: d.ids.D,
          title: '首页测试D科技有限公司',
          titleEn: null,
          detail: `${usccOf(4)} · 西镇`,
          link: `/enterprises/${d.ids.D}`,
        },
      ]);
    }
  });

  it('by name, a subdistrict finds only its own', async () => {
    expect(titles(await find(d.east, '首页测试'), 'enterprise')).toEqual([
      '首页测试A科技有限公司',
      '首页测试B科技有限公司',
      '首页测试C科技有限公司',
    ]);
    expect(await find(d.east, usccOf(4))).toEqual([]);
  });

  it('an enterprise user finds itself, never another enterprise', async () => {
    expect(await find(d.firmA, usccOf(2))).toEqual([]);
    expect(titles(await find(d.firmA, '首页测试'), 'enterprise')).toEqual(['首页测试A科技有限公司']);
  });
});

describe('policies, tasks and units', () => {
  it('staff find a policy by name; an enterprise user does not search policies', async () => {
    const items = await find(d.east, '规上奖励');
    expect(items.filter((i) => i.kind === 'policy')).toEqual([
      {
        kind: 'policy',
        id: policyId,
        title: '软件企业规上奖励',
        titleEn: null,
        detail: 'searchTest',
        link: `/policies/${policyId}`,
      },
    ]);
    expect(await find(d.firmA, '规上奖励')).toEqual([]);
  });

  it('a key task by its number or title, a unit by its name', async () => {
    const byNumber = await find(d.firmA, '任务1');
    expect(byNumber.filter((i) => i.kind === 'task').map((i) => [i.title, i.link])).toEqual([
      ['培育企业', '/plan/tasks/1'],
    ]);
    expect(titles(await find(d.dept, '培育'), 'task')).toContain('培育企业');
    const units = (await find(d.dept, '东街道')).filter((i) => i.kind === 'unit');
    expect(units.map((u) => [u.title, u.link, u.detail])).toEqual([
      ['东街道', `/units/${d.units.east}`, '镇街'],
    ]);
  });

  it('asks for a query and a signed-in user', async () => {
    expect((await d.admin.get('/api/search?q=')).statusCode).toBe(400);
    expect((await new Client(d.p.app).get('/api/search?q=东街道')).statusCode).toBe(401);
  });
});
