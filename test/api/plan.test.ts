// The plan as the API serves it: the Jiulongpo plan's targets, sections, 22 tasks and their units; another district's plan loads the same way.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startPlatform, type Platform } from '../harness.ts';
import { repoRoot } from '../../src/platform/config.ts';
import { loadPlanFromFile } from '../../src/bootstrap.ts';
import type { PlanOverview, TaskDetail } from '../../src/modules/plan/plan.contract.ts';
import type { Unit, UnitDetail } from '../../src/modules/units/units.contract.ts';

let p: Platform;
let anon: Client;
beforeAll(async () => {
  p = await startPlatform();
  anon = new Client(p.app);
});
afterAll(() => p?.close());

describe('the Jiulongpo plan, public', () => {
  it('shows 9 overall targets with their goals and the deadline 2027-12-31', async () => {
    const res = await anon.get('/api/plan');
    expect(res.statusCode).toBe(200);
    const body = res.json<PlanOverview>();
    expect(body.plan.endDate).toBe('2027-12-31');
    expect(body.plan.title).toContain('满天星');
    expect(body.targets.map((t) => `${Number(t.goal)} ${t.unit}`)).toEqual([
      '10000 人',
      '1000 人',
      '100000 平方米',
      '700 家',
      '3 家',
      '5 家',
      '480 亿元',
      '30 %',
      '1 个',
    ]);
    expect(body.targets.every((t) => t.deadline === '2027-12-31')).toBe(true);
  });

  it('lists 7 sections holding all 22 key tasks in order, each with lead units', async () => {
    const body = (await anon.get('/api/plan')).json<PlanOverview>();
    expect(body.sections).toHaveLength(7);
    const numbers = body.sections.flatMap((s) => s.tasks.map((t) => t.number));
    expect(numbers).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    for (const s of body.sections) for (const t of s.tasks) expect(t.leadUnits.length).toBeGreaterThan(0);
    expect(body.safeguards).toHaveLength(4);
  });

  it('gives task 12 its two lead units and its responsible units, with neighbours', async () => {
    const res = await anon.get('/api/plan/tasks/12');
    expect(res.statusCode).toBe(200);
    const t = res.json<TaskDetail>();
    expect(t.title).toBe('支持中小微企业发展');
    expect(t.leadUnits.map((u) => u.name)).toEqual(['区经济信息委', '区金融服务中心']);
    expect(t.responsibleUnits.map((u) => u.name)).toEqual(['区发展改革委', '区人力社保局', '区大数据发展局']);
    expect(t.text).toContain('数字化项目周转资金');
    expect([t.previous, t.next]).toEqual([11, 13]);
  });

  it('answers 404 for a task the plan does not have, 400 for a malformed number', async () => {
    expect((await anon.get('/api/plan/tasks/23')).statusCode).toBe(404);
    const bad = await anon.get('/api/plan/tasks/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION');
  });

  it('lists every unit the plan names by kind, and a unit page lists the tasks it leads and shares', async () => {
    const units = (await anon.get('/api/units')).json<{ items: Unit[] }>().items;
    const kinds = new Set(units.map((u) => u.kind));
    expect([...kinds].sort()).toEqual(['collective', 'department', 'office', 'stateGroup', 'subdistrict']);
    const jxw = units.find((u) => u.name === '区经济信息委')!;
    const detail = (await anon.get(`/api/units/${jxw.id}`)).json<UnitDetail>();
    expect(detail.leads.map((t) => t.number)).toEqual(
      expect.arrayContaining([3, 7, 8, 10, 11, 12, 14, 16, 19, 20]),
    );
    expect(detail.shares.map((t) => t.number)).toEqual(expect.arrayContaining([1, 2, 4, 5, 6, 13]));
    expect(detail.children.map((c) => c.kind)).toContain('office');

    const street = units.find((u) => u.name === '石桥铺街道')!;
    const sd = (await anon.get(`/api/units/${street.id}`)).json<UnitDetail>();
    // 各镇街 is responsible for task 11 and 13; 有关街道 for task 17.
    const via = Object.fromEntries(sd.shares.map((s) => [s.number, s.via?.name]));
    expect(via[11]).toBe('各镇街');
    expect(via[17]).toBe('有关街道');

    const town = units.find((u) => u.kind === 'subdistrict' && u.name.endsWith('镇'))!;
    const td = (await anon.get(`/api/units/${town.id}`)).json<UnitDetail>();
    expect(td.shares.map((s) => s.number)).not.toContain(17);
  });

  it('reloading the same file changes nothing; the units keep their ids', async () => {
    const before = (await anon.get('/api/units')).json<{ items: Unit[] }>().items.map((u) => u.id);
    const again = await loadPlanFromFile(p.db, path.join(repoRoot, 'plans', 'jiulongpo-2027.yaml'));
    expect(again.outcome).toBe('unchanged');
    const after = (await anon.get('/api/units')).json<{ items: Unit[] }>().items.map((u) => u.id);
    expect(after).toEqual(before);
  });
});

describe("another district's plan", () => {
  it('loads from its own file into its own district, beside Jiulongpo', async () => {
    const r = await loadPlanFromFile(
      p.db,
      path.join(repoRoot, 'test', 'fixtures', 'plans', 'small-district.yaml'),
    );
    expect(r.outcome).toBe('created');
    expect(r.districtId).toBe('demo-small');
    // The public still sees the default district's plan.
    const body = (await anon.get('/api/plan')).json<PlanOverview>();
    expect(body.plan.district.id).toBe('jiulongpo');
  });
});

describe('a deployment for another district', () => {
  it("serves that district's plan when its file is the one loaded at start", async () => {
    const other = await startPlatform({
      planFile: path.join(repoRoot, 'test', 'fixtures', 'plans', 'small-district.yaml'),
    });
    try {
      const body = (await new Client(other.app).get('/api/plan')).json<PlanOverview>();
      expect(body.plan.district.id).toBe('demo-small');
      expect(body.sections.flatMap((s) => s.tasks)).toHaveLength(3);
      expect(body.targets).toHaveLength(3);
    } finally {
      await other.close();
    }
  });
});
