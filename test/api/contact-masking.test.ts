// Personal data shown to staff: an enterprise's contact phone is masked on its page, in the non-reporters list and on
// the subdistrict's home; the full number is one read away (GET /api/enterprises/:id/contact) and each such read is
// in the audit log. The enterprise itself sees its own number; a masked number sent back is refused, never stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  signedIn,
  startPlatform,
  type Client,
  type Platform,
} from '../harness.ts';
import type { Enterprise, EnterpriseListItem } from '../../src/modules/enterprises/enterprises.contract.ts';
import { rows, sql } from '../../src/platform/db/db.ts';

let p: Platform;
let admin: Client;
let street: Client;
let firm: Client;
let own: Enterprise;

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 80 });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  street = await signedIn(p.app, 'street', DEMO_PASSWORD);
  firm = await signedIn(p.app, 'firm', DEMO_PASSWORD);
  const me = (await firm.get('/api/auth/me')).json().user;
  own = (await firm.get(`/api/enterprises/${me.enterpriseId}`)).json<Enterprise>();
  const input = {
    uscc: own.uscc,
    name: own.name,
    registrationDate: own.registrationDate,
    subdistrictId: own.subdistrict.id,
    buildingId: own.building?.id ?? null,
    address: own.address,
    fields: own.fields,
    aboveScale: own.aboveScale,
    status: own.status,
    settledOn: own.settledOn,
    leftOn: own.leftOn,
    contactPerson: '王五',
    contactPhone: '13912345678',
    honours: own.honours,
  };
  const r = await firm.request('PUT', `/api/enterprises/${own.id}`, input);
  expect(r.statusCode).toBe(200);
  own = r.json<Enterprise>();
}, 120_000);
afterAll(() => p?.close());

describe('an enterprise’s contact phone', () => {
  it('is the enterprise’s own to see in full', () => {
    expect(own.contactPhone).toBe('13912345678');
  });

  it('is masked on the enterprise’s page for staff', async () => {
    const e = (await admin.get(`/api/enterprises/${own.id}`)).json<Enterprise>();
    expect(e.contactPhone).toBe('139****5678');
    expect(e.contactPerson).toBe('王五');
  });

  it('is read in full through /contact, and the read is audited with who and which enterprise', async () => {
    const r = await admin.get(`/api/enterprises/${own.id}/contact`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ contactPerson: '王五', contactPhone: '13912345678' });
    const logged = await rows<{ actor_label: string; note: string }>(
      p.db,
      sql`SELECT actor_label, note FROM audit_log
           WHERE action = 'read' AND entity = 'enterpriseContact' AND entity_id = ${own.id}`,
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]!.note).toBe(own.name);
  });

  it('is out of reach, like the record, for another enterprise and another subdistrict', async () => {
    const other = (await admin.get('/api/enterprises?pageSize=100'))
      .json<{ items: EnterpriseListItem[] }>()
      .items.find((e) => e.id !== own.id)!;
    expect((await firm.get(`/api/enterprises/${other.id}/contact`)).statusCode).toBe(404);
    const streetUnit = (await street.get('/api/auth/me')).json().user.unitId as string;
    const elsewhere = (await admin.get('/api/enterprises?pageSize=100'))
      .json<{ items: EnterpriseListItem[] }>()
      .items.find((e) => e.subdistrict.id !== streetUnit)!;
    expect((await street.get(`/api/enterprises/${elsewhere.id}/contact`)).statusCode).toBe(404);
  });

  it('is masked in the non-reporters list, and every listed number is masked', async () => {
    const page = (await admin.get('/api/reports/missing?period=2026-09&pageSize=200')).json<{
      items: { contactPhone: string }[];
    }>();
    const withPhone = page.items.filter((i) => i.contactPhone);
    expect(withPhone.length).toBeGreaterThan(0);
    expect(withPhone.every((i) => /\*{4}/.test(i.contactPhone))).toBe(true);
  });

  it('is refused when sent back masked, and the stored number stays', async () => {
    const shown = (await admin.get(`/api/enterprises/${own.id}`)).json<Enterprise>();
    const r = await admin.request('PUT', `/api/enterprises/${own.id}`, {
      uscc: shown.uscc,
      name: shown.name,
      registrationDate: shown.registrationDate,
      subdistrictId: shown.subdistrict.id,
      buildingId: shown.building?.id ?? null,
      address: shown.address,
      fields: shown.fields,
      aboveScale: shown.aboveScale,
      status: shown.status,
      settledOn: shown.settledOn,
      leftOn: shown.leftOn,
      contactPerson: shown.contactPerson,
      contactPhone: shown.contactPhone,
      honours: shown.honours,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields[0].path).toBe('contactPhone');
    expect((await admin.get(`/api/enterprises/${own.id}/contact`)).json().contactPhone).toBe('13912345678');
  });
});
