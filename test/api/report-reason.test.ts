// A figure that moved implausibly is filed only with a reason (issue 10, item 14): the API refuses a bare save with
// the note as the field to fill, accepts the same figures with a reason, and a report without a jump needs none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileReport, registerFirms, startFixtureDistrict, usccMaker } from '../fixture-district.ts';
import type { Client, Platform } from '../harness.ts';

let p: Platform;
let admin: Client;
const ids: Record<string, string> = {};
const base = {
  employees: 20,
  coreTalents: 4,
  operatingRevenue: 1_000_000,
  softwareRevenue: 800_000,
  softwareProductRevenue: 0,
  rdExpense: 0,
  usedArea: 100,
};

beforeAll(async () => {
  const f = await startFixtureDistrict(() => new Date('2026-06-20T02:00:00Z'));
  p = f.p;
  admin = f.admin;
  await registerFirms(
    admin,
    [{ key: 'A', n: 1, sub: f.east, registrationDate: '2025-01-01' }],
    usccMaker('RR'),
    '理由',
    ids,
  );
  await fileReport(admin, ids, 'A', '2026-04', base);
});
afterAll(() => p?.close());

describe('a report with an implausible jump', () => {
  it('is refused without a reason, naming the note and the figure that moved', async () => {
    const res = await admin.request('POST', `/api/enterprises/${ids.A}/reports`, {
      period: '2026-05',
      ...base,
      employees: 60, // 20 → 60: +200 %
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; message: string; fields: { path: string; message: string }[] }>();
    expect(body.code).toBe('VALIDATION');
    expect(body.fields.map((f) => f.path)).toEqual(['note']);
    expect(body.message).toContain('从业人员');
    expect(body.message).toContain('200%');
    const stored = await admin.get(`/api/enterprises/${ids.A}/reports/2026-05`);
    expect(stored.json().current).toBeNull(); // nothing was written
  });

  it('is filed with a reason, and still reports its warning', async () => {
    const res = await admin.request('POST', `/api/enterprises/${ids.A}/reports`, {
      period: '2026-05',
      ...base,
      employees: 60,
      note: '新承接项目，扩招 40 人',
    });
    expect(res.statusCode).toBe(200);
    const saved = res.json<{ warnings: { path: string }[]; report: { note: string } }>();
    expect(saved.warnings.map((w) => w.path)).toEqual(['employees']);
    expect(saved.report.note).toBe('新承接项目，扩招 40 人');
  });

  it('a blank reason is no reason', async () => {
    const res = await admin.request('POST', `/api/enterprises/${ids.A}/reports`, {
      period: '2026-05',
      ...base,
      employees: 200,
      note: '   ',
    });
    expect(res.statusCode).toBe(400);
  });

  it('a report without a jump needs no reason', async () => {
    const res = await admin.request('POST', `/api/enterprises/${ids.A}/reports`, {
      period: '2026-04',
      ...base,
      employees: 21,
    });
    expect(res.statusCode).toBe(200);
  });
});
