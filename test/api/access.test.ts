// Every API route tried as every role: the public, administrator, department, subdistrict and enterprise users, and a
// building operator (专业运营机构), who is neither staff nor an enterprise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  Client,
  DEMO_PASSWORD,
  signedIn,
  startPlatform,
  upload,
  type Platform,
} from '../harness.ts';
import { makeOrgCode, makeUscc } from '../../src/modules/enterprises/uscc.ts';
import type { EnterpriseListItem } from '../../src/modules/enterprises/enterprises.contract.ts';
import { notify } from '../../src/modules/notifications/notifications.store.ts';

type Role = 'public' | 'admin' | 'department' | 'subdistrict' | 'enterprise' | 'operator';
const roles: Role[] = ['public', 'admin', 'department', 'subdistrict', 'enterprise', 'operator'];

interface Ctx {
  otherEnterprise: EnterpriseListItem;
  policyId: string;
  reviewBatchId: string;
  publishBatchId: string;
  cancelBatchId: string;
  noticeBatchId: string;
  batchEnterpriseId: string;
  streetUnitId: string;
  userId: string;
  officeNotificationId: string;
  /** A 忘记密码 request of the subdistrict user, already rejected. */
  resetRequestId: string;
  /** 督查督办: a work item of another unit (区大数据发展局), reports of it to return and accept, an attachment. */
  supervision: { unitId: string; itemId: string; returnId: string; acceptId: string; attachmentId: string };
  /** 督办单: a notice in force on another work item of 区大数据发展局, nobody's response yet. */
  noticeId: string;
  /** 调度会: a meeting another unit (区大数据发展局) attends; another with minutes recorded, to publish. */
  meetings: { meetingId: string; heldId: string };
  /** 企业诉求: another enterprise's request (another subdistrict), dispatched to 区大数据发展局, with an attachment. */
  serviceDesk: { requestId: string; attachmentId: string; config: unknown };
  /** The demo operator (the operator user's own). */
  operatorId: string;
  serial: () => number;
}
interface Case {
  method: 'GET' | 'POST' | 'PUT';
  /** The route as OpenAPI names it. */
  route: string;
  url: (c: Ctx) => string;
  body?: (c: Ctx) => unknown;
  expect: Record<Role, number>;
}

const all = (status: number): Record<Role, number> => ({
  public: status,
  admin: status,
  department: status,
  subdistrict: status,
  enterprise: status,
  operator: status,
});
const signedInOnly = (status: number): Record<Role, number> => ({ ...all(status), public: 401 });
const adminOnly = (status: number): Record<Role, number> => ({
  public: 401,
  admin: status,
  department: 403,
  subdistrict: 403,
  enterprise: 403,
  operator: 403,
});

/** Another enterprise's records: staff who see the whole district may read them; the others get 404. */
const readOther: Record<Role, number> = {
  public: 401,
  admin: 200,
  department: 200,
  subdistrict: 404,
  enterprise: 404,
  operator: 404,
};
/** Government staff only: neither an enterprise nor a building operator. */
const staffOnly = (status: number): Record<Role, number> => ({
  ...signedInOnly(status),
  enterprise: 403,
  operator: 403,
});
/** A grant batch still in review: the plan office's alone; to other staff it does not exist. */
const inReview: Record<Role, number> = {
  public: 401,
  admin: 200,
  department: 404,
  subdistrict: 404,
  enterprise: 403,
  operator: 403,
};
const reportBody = {
  period: '2026-09',
  employees: 20,
  coreTalents: 4,
  operatingRevenue: 1_000_000,
  softwareRevenue: 800_000,
  softwareProductRevenue: 100_000,
  rdExpense: 50_000,
  usedArea: 200,
  note: '权限测试：数字与上期不同，已核实', // the demo firm's history makes these a jump, which needs a reason
};

const policyDefinition = {
  name: '权限测试政策',
  eligibility: { kind: 'aboveScale', value: true },
  parameters: { reward: { label: '奖励', unit: '万元', values: [{ from: '2026-01-01', value: 1 }] } },
  benefit: { formula: { kind: 'param', name: 'reward' } },
};

const enterpriseBody = (c: Ctx) => ({
  uscc: makeUscc(`91500107${makeOrgCode(`MB${String(c.serial()).padStart(6, '0')}`)}`),
  name: `重庆权限测试${c.serial()}科技有限公司`,
  registrationDate: '2025-06-01',
  subdistrictId: c.streetUnitId,
});

/** A work item of 区大数据发展局 (task 1): someone else's for the department and the subdistrict users. */
const meetingBody = { title: '权限测试调度会', scheduledAt: '2026-03-12T01:30:00Z' };
const supervisionItemBody = (c: Ctx) => ({
  taskNumber: 1,
  title: '权限测试举措',
  ownerUnitId: c.supervision.unitId,
  startDate: '2026-01-01',
  dueDate: '2026-12-31',
  kind: 'milestone',
});

const cases: Case[] = [
  { method: 'GET', route: '/api/health', url: () => '/api/health', expect: all(200) },
  { method: 'GET', route: '/api/meta', url: () => '/api/meta', expect: all(200) },
  // Probes answer anyone (load balancers carry no session); /metrics asks for its own bearer token, not a session,
  // and does not exist while none is configured (as here; test/api/observe.test.ts covers 401 and 200).
  { method: 'GET', route: '/healthz', url: () => '/healthz', expect: all(200) },
  { method: 'GET', route: '/readyz', url: () => '/readyz', expect: all(200) },
  { method: 'GET', route: '/metrics', url: () => '/metrics', expect: all(404) },
  {
    method: 'POST',
    route: '/api/auth/login',
    url: () => '/api/auth/login',
    body: () => ({ username: 'nobody', password: 'wrong-password' }),
    expect: all(401),
  },
  { method: 'GET', route: '/api/auth/me', url: () => '/api/auth/me', expect: all(200) },
  { method: 'GET', route: '/api/plan', url: () => '/api/plan', expect: all(200) },
  { method: 'GET', route: '/api/plan/tasks/{number}', url: () => '/api/plan/tasks/12', expect: all(200) },
  { method: 'GET', route: '/api/units', url: () => '/api/units', expect: all(200) },
  { method: 'GET', route: '/api/units/{id}', url: (c) => `/api/units/${c.streetUnitId}`, expect: all(200) },
  {
    method: 'GET',
    route: '/api/audit',
    url: (c) => `/api/audit?entity=enterprise&entityId=${c.otherEnterprise.id}`,
    expect: adminOnly(200),
  },
  { method: 'GET', route: '/api/enterprises', url: () => '/api/enterprises', expect: signedInOnly(200) },
  {
    method: 'GET',
    route: '/api/enterprises/export',
    url: () => '/api/enterprises/export',
    expect: signedInOnly(200),
  },
  {
    method: 'GET',
    route: '/api/enterprises/import/template',
    url: () => '/api/enterprises/import/template',
    expect: { public: 401, admin: 200, department: 403, subdistrict: 200, enterprise: 403, operator: 403 },
  },
  {
    method: 'POST',
    route: '/api/enterprises/import',
    url: () => '/api/enterprises/import',
    body: () => ({ not: 'a file' }),
    expect: { public: 401, admin: 415, department: 403, subdistrict: 415, enterprise: 403, operator: 403 },
  },
  {
    method: 'GET',
    route: '/api/enterprises/{id}',
    url: (c) => `/api/enterprises/${c.otherEnterprise.id}`,
    expect: { public: 401, admin: 200, department: 200, subdistrict: 404, enterprise: 404, operator: 404 },
  },
  {
    method: 'GET',
    route: '/api/enterprises/{id}/contact',
    url: (c) => `/api/enterprises/${c.otherEnterprise.id}/contact`,
    expect: { public: 401, admin: 200, department: 200, subdistrict: 404, enterprise: 404, operator: 404 },
  },
  {
    method: 'POST',
    route: '/api/enterprises',
    url: () => '/api/enterprises',
    body: enterpriseBody,
    expect: { public: 401, admin: 201, department: 403, subdistrict: 201, enterprise: 403, operator: 403 },
  },
  {
    method: 'PUT',
    route: '/api/enterprises/{id}',
    url: (c) => `/api/enterprises/${c.otherEnterprise.id}`,
    body: (c) => ({
      uscc: c.otherEnterprise.uscc,
      name: c.otherEnterprise.name,
      registrationDate: c.otherEnterprise.registrationDate,
      subdistrictId: c.otherEnterprise.subdistrict.id,
      buildingId: c.otherEnterprise.building?.id ?? null,
      fields: c.otherEnterprise.fields,
    }),
    expect: { public: 401, admin: 200, department: 403, subdistrict: 404, enterprise: 404, operator: 404 },
  },
  { method: 'GET', route: '/api/buildings', url: () => '/api/buildings', expect: signedInOnly(200) },
  { method: 'GET', route: '/api/users', url: () => '/api/users', expect: adminOnly(200) },
  {
    method: 'POST',
    route: '/api/users',
    url: () => '/api/users',
    body: (c) => ({
      username: `user${c.serial()}`,
      displayName: '新用户',
      password: 'a-long-password',
      role: 'admin',
    }),
    expect: { ...adminOnly(201) },
  },
  {
    method: 'PUT',
    route: '/api/users/{id}',
    url: (c) => `/api/users/${c.userId}`,
    body: () => ({ displayName: '改名', role: 'admin' }),
    expect: adminOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/users/me/password',
    url: () => '/api/users/me/password',
    body: () => ({ currentPassword: 'not-my-password', newPassword: 'a-much-longer-password' }),
    expect: signedInOnly(400),
  },
  {
    method: 'GET',
    route: '/api/users/enterprise-accounts/candidates',
    url: () => '/api/users/enterprise-accounts/candidates',
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/users/enterprise-accounts',
    url: () => '/api/users/enterprise-accounts',
    body: (c) => ({ enterpriseIds: [c.otherEnterprise.id] }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    route: '/api/users/password-resets',
    url: () => '/api/users/password-resets',
    expect: adminOnly(200),
  },
  {
    // Someone else's (no longer pending) request: decided already, so 404 for the office too.
    method: 'POST',
    route: '/api/users/password-resets/{id}/approve',
    url: (c) => `/api/users/password-resets/${c.resetRequestId}/approve`,
    expect: adminOnly(404),
  },
  {
    method: 'POST',
    route: '/api/users/password-resets/{id}/reject',
    url: (c) => `/api/users/password-resets/${c.resetRequestId}/reject`,
    expect: adminOnly(404),
  },
  {
    method: 'POST',
    route: '/api/auth/password-reset-requests',
    url: () => '/api/auth/password-reset-requests',
    body: () => ({ username: 'nobody-at-all' }),
    expect: all(202),
  },
  {
    method: 'GET',
    route: '/api/audit/log',
    url: (c) => `/api/audit/log?entity=enterprise&entityId=${c.otherEnterprise.id}`,
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    route: '/api/audit/log/export',
    url: () => '/api/audit/log/export?logins=true',
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    route: '/api/platform/backups',
    url: () => '/api/platform/backups',
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/platform/backups',
    url: () => '/api/platform/backups',
    expect: adminOnly(201),
  },
  {
    // No archive of this name: the administrator is told so; the others may not ask.
    method: 'POST',
    route: '/api/platform/backups/{name}/verify',
    url: () => '/api/platform/backups/mantianxing-2000-01-01T00-00-00Z.tar.gz/verify',
    expect: adminOnly(404),
  },
  {
    method: 'GET',
    route: '/api/platform/backups/{name}/download',
    url: () => '/api/platform/backups/mantianxing-2000-01-01T00-00-00Z.tar.gz/download',
    expect: adminOnly(404),
  },
  {
    method: 'GET',
    route: '/api/enterprises/{id}/reports',
    url: (c) => `/api/enterprises/${c.otherEnterprise.id}/reports`,
    expect: readOther,
  },
  {
    method: 'GET',
    route: '/api/enterprises/{id}/reports/{period}',
    url: (c) => `/api/enterprises/${c.otherEnterprise.id}/reports/2026-09`,
    expect: readOther,
  },
  {
    method: 'POST',
    route: '/api/enterprises/{id}/reports/check',
    url: (c) => `/api/enterprises/${c.otherEnterprise.id}/reports/check`,
    body: () => reportBody,
    expect: readOther,
  },
  {
    method: 'POST',
    route: '/api/enterprises/{id}/reports',
    url: (c) => `/api/enterprises/${c.otherEnterprise.id}/reports`,
    body: () => reportBody,
    expect: { public: 401, admin: 200, department: 403, subdistrict: 404, enterprise: 404, operator: 404 },
  },
  {
    method: 'GET',
    route: '/api/reports/import/template',
    url: () => '/api/reports/import/template?period=2026-09',
    expect: { public: 401, admin: 200, department: 403, subdistrict: 200, enterprise: 403, operator: 403 },
  },
  {
    method: 'POST',
    route: '/api/reports/import',
    url: () => '/api/reports/import?period=2026-09',
    body: () => ({ not: 'a file' }),
    expect: { public: 401, admin: 415, department: 403, subdistrict: 415, enterprise: 403, operator: 403 },
  },
  {
    method: 'GET',
    route: '/api/reports/coverage',
    url: () => '/api/reports/coverage?period=2026-09',
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/reports/missing',
    url: () => '/api/reports/missing?period=2026-09',
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/reports/missing/export',
    url: () => '/api/reports/missing/export?period=2026-09',
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/reports/standing',
    url: (c) => `/api/reports/standing?period=2026-09&subdistrictId=${c.streetUnitId}`,
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/monitoring/overview',
    url: () => '/api/monitoring/overview',
    expect: signedInOnly(200),
  },
  { method: 'GET', route: '/api/public/overview', url: () => '/api/public/overview', expect: all(200) },
  {
    method: 'GET',
    route: '/api/monitoring/targets/{code}',
    url: () => '/api/monitoring/targets/newEmployees',
    expect: signedInOnly(200),
  },
  {
    method: 'GET',
    route: '/api/public/targets/{code}',
    url: () => '/api/public/targets/newEmployees',
    expect: all(200),
  },
  {
    method: 'GET',
    route: '/api/monitoring/targets/{code}/contributors',
    url: () => '/api/monitoring/targets/newEmployees/contributors?month=2026-09',
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/monitoring/targets/{code}/contributors/export',
    url: () => '/api/monitoring/targets/newEmployees/contributors/export?month=2026-09',
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/monitoring/targets/{code}/breakdowns/export',
    url: () => '/api/monitoring/targets/newEmployees/breakdowns/export',
    expect: signedInOnly(200),
  },
  {
    method: 'GET',
    route: '/api/monitoring/targets/{code}/manual-values',
    url: () => '/api/monitoring/targets/clusters/manual-values',
    expect: staffOnly(200),
  },
  {
    method: 'POST',
    route: '/api/monitoring/targets/{code}/manual-values',
    url: () => '/api/monitoring/targets/clusters/manual-values',
    body: () => ({ asOf: '2026-09-30', value: 0, source: '区经济信息委' }),
    expect: { public: 401, admin: 201, department: 201, subdistrict: 403, enterprise: 403, operator: 403 },
  },
  {
    method: 'POST',
    route: '/api/monitoring/recompute',
    url: () => '/api/monitoring/recompute',
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/monitoring/reminders',
    url: () => '/api/monitoring/reminders',
    body: () => ({ period: '2026-09' }),
    expect: { public: 401, admin: 200, department: 403, subdistrict: 200, enterprise: 403, operator: 403 },
  },
  { method: 'GET', route: '/api/search', url: () => '/api/search?q=科技', expect: signedInOnly(200) },
  { method: 'GET', route: '/api/inbox', url: () => '/api/inbox', expect: signedInOnly(200) },
  {
    method: 'GET',
    route: '/api/inbox/unread-count',
    url: () => '/api/inbox/unread-count',
    expect: signedInOnly(200),
  },
  {
    method: 'POST',
    route: '/api/inbox/{id}/read',
    url: (c) => `/api/inbox/${c.officeNotificationId}/read`,
    expect: { public: 401, admin: 200, department: 404, subdistrict: 404, enterprise: 404, operator: 404 },
  },
  {
    method: 'POST',
    route: '/api/inbox/read-all',
    url: () => '/api/inbox/read-all',
    expect: signedInOnly(200),
  },
  // Logout last: it ends each role's session.
  { method: 'GET', route: '/api/policies', url: () => '/api/policies', expect: staffOnly(200) },
  {
    method: 'POST',
    route: '/api/policies',
    url: () => '/api/policies',
    body: (c) => ({ code: `access${c.serial()}`, definition: policyDefinition }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/policies/preview',
    url: () => '/api/policies/preview',
    body: () => ({ definition: policyDefinition }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/policies/evaluate',
    url: () => '/api/policies/evaluate',
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    route: '/api/policies/{id}',
    url: (c) => `/api/policies/${c.policyId}`,
    expect: staffOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/policies/{id}',
    url: (c) => `/api/policies/${c.policyId}`,
    body: () => ({ definition: policyDefinition, note: 'access' }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/policies/{id}/status',
    url: (c) => `/api/policies/${c.policyId}/status`,
    body: () => ({ status: 'active' }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    route: '/api/policies/{id}/results',
    url: (c) => `/api/policies/${c.policyId}/results`,
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/policies/{id}/explain/{enterpriseId}',
    url: (c) => `/api/policies/${c.policyId}/explain/${c.otherEnterprise.id}`,
    expect: readOther,
  },
  {
    method: 'GET',
    route: '/api/enterprises/{id}/policies',
    url: (c) => `/api/enterprises/${c.otherEnterprise.id}/policies`,
    expect: readOther,
  },
  {
    method: 'GET',
    route: '/api/enterprises/{id}/tiers',
    url: (c) => `/api/enterprises/${c.otherEnterprise.id}/tiers`,
    expect: readOther,
  },
  { method: 'GET', route: '/api/tiers', url: () => '/api/tiers', expect: staffOnly(200) },
  {
    method: 'GET',
    route: '/api/tiers/{code}/members',
    url: () => '/api/tiers/shangxing/members',
    expect: staffOnly(200),
  },
  {
    method: 'POST',
    route: '/api/policies/{id}/batches',
    url: (c) => `/api/policies/${c.policyId}/batches`,
    body: () => ({ note: 'access' }),
    expect: adminOnly(200),
  },
  { method: 'GET', route: '/api/grant-batches', url: () => '/api/grant-batches', expect: staffOnly(200) },
  // A batch in review is the plan office's; once under public notice, staff read it.
  {
    method: 'GET',
    route: '/api/grant-batches/{id}',
    url: (c) => `/api/grant-batches/${c.reviewBatchId}`,
    expect: inReview,
  },
  {
    method: 'GET',
    route: '/api/grant-batches/{id}',
    url: (c) => `/api/grant-batches/${c.noticeBatchId}`,
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/grant-batches/{id}/items',
    url: (c) => `/api/grant-batches/${c.reviewBatchId}/items`,
    expect: inReview,
  },
  {
    method: 'GET',
    route: '/api/grant-batches/{id}/items',
    url: (c) => `/api/grant-batches/${c.noticeBatchId}/items`,
    expect: staffOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/grant-batches/{id}/items/{enterpriseId}',
    url: (c) => `/api/grant-batches/${c.reviewBatchId}/items/${c.batchEnterpriseId}`,
    body: () => ({ included: false, reason: '权限测试' }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/grant-batches/{id}/publish',
    url: (c) => `/api/grant-batches/${c.publishBatchId}/publish`,
    body: () => ({}),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/grant-batches/{id}/decide',
    url: (c) => `/api/grant-batches/${c.reviewBatchId}/decide`,
    body: () => ({ note: '' }),
    expect: adminOnly(409),
  },
  {
    method: 'POST',
    route: '/api/grant-batches/{id}/cancel',
    url: (c) => `/api/grant-batches/${c.cancelBatchId}/cancel`,
    body: () => ({ reason: '权限测试' }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/grant-batches/{id}/objections/{objectionId}/resolve',
    url: (c) =>
      `/api/grant-batches/${c.noticeBatchId}/objections/00000000-0000-4000-8000-000000000000/resolve`,
    body: () => ({ outcome: 'dismissed', response: '权限测试' }),
    expect: adminOnly(404),
  },
  {
    method: 'POST',
    route: '/api/grant-batches/{id}/objections/resolve',
    url: (c) => `/api/grant-batches/${c.noticeBatchId}/objections/resolve`,
    body: () => ({
      objectionIds: ['00000000-0000-4000-8000-000000000000'],
      outcome: 'dismissed',
      response: '权限测试',
    }),
    expect: adminOnly(404),
  },
  {
    method: 'GET',
    route: '/api/grant-batches/{id}/items/export',
    url: (c) => `/api/grant-batches/${c.noticeBatchId}/items/export`,
    expect: staffOnly(200),
  },
  { method: 'GET', route: '/api/grant-settings', url: () => '/api/grant-settings', expect: staffOnly(200) },
  {
    method: 'PUT',
    route: '/api/grant-settings',
    url: () => '/api/grant-settings',
    body: () => ({ minNoticeWorkingDays: 5 }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    route: '/api/objections/mine',
    url: () => '/api/objections/mine',
    expect: { public: 401, admin: 403, department: 403, subdistrict: 403, enterprise: 200, operator: 403 },
  },
  {
    method: 'GET',
    route: '/api/public/notices/{id}/document',
    url: (c) => `/api/public/notices/${c.noticeBatchId}/document`,
    expect: all(200),
  },
  {
    method: 'POST',
    route: '/api/public/objections/status',
    url: () => '/api/public/objections/status',
    body: () => ({ receipt: '26-9999', contact: '13800000000' }),
    expect: all(404),
  },
  { method: 'GET', route: '/api/public/notices', url: () => '/api/public/notices', expect: all(200) },
  {
    method: 'GET',
    route: '/api/public/notices/{id}',
    url: (c) => `/api/public/notices/${c.noticeBatchId}`,
    expect: all(200),
  },
  {
    method: 'POST',
    route: '/api/public/notices/{id}/objections',
    url: (c) => `/api/public/notices/${c.noticeBatchId}/objections`,
    body: () => ({
      enterpriseId: null,
      filerName: '权限测试',
      filerContact: '13800000000',
      text: '权限测试的异议',
    }),
    expect: all(200),
  },
  {
    method: 'GET',
    route: '/api/supervision/items',
    url: () => '/api/supervision/items',
    expect: staffOnly(200),
  },
  {
    method: 'POST',
    route: '/api/supervision/items',
    url: () => '/api/supervision/items',
    body: (c) => supervisionItemBody(c),
    expect: { public: 401, admin: 201, department: 403, subdistrict: 403, enterprise: 403, operator: 403 },
  },
  {
    method: 'GET',
    route: '/api/supervision/items/{id}',
    url: (c) => `/api/supervision/items/${c.supervision.itemId}`,
    expect: { public: 401, admin: 200, department: 200, subdistrict: 404, enterprise: 403, operator: 403 },
  },
  {
    method: 'PUT',
    route: '/api/supervision/items/{id}',
    url: (c) => `/api/supervision/items/${c.supervision.itemId}`,
    body: (c) => supervisionItemBody(c),
    expect: { public: 401, admin: 200, department: 404, subdistrict: 404, enterprise: 403, operator: 403 },
  },
  {
    method: 'POST',
    route: '/api/supervision/items/{id}/reports',
    url: (c) => `/api/supervision/items/${c.supervision.itemId}/reports`,
    body: () => ({ period: '2026-01', progress: '权限测试', percent: 10 }),
    expect: { public: 401, admin: 201, department: 404, subdistrict: 404, enterprise: 403, operator: 403 },
  },
  {
    method: 'POST',
    route: '/api/supervision/reports/{id}/return',
    url: (c) => `/api/supervision/reports/${c.supervision.returnId}/return`,
    body: () => ({ reason: '权限测试' }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/supervision/reports/{id}/accept',
    url: (c) => `/api/supervision/reports/${c.supervision.acceptId}/accept`,
    body: () => ({}),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/supervision/reports/{id}/attachments',
    url: (c) => `/api/supervision/reports/${c.supervision.acceptId}/attachments`,
    body: () => ({ not: 'a file' }),
    expect: { public: 401, admin: 415, department: 404, subdistrict: 404, enterprise: 403, operator: 403 },
  },
  {
    method: 'GET',
    route: '/api/supervision/attachments/{id}',
    url: (c) => `/api/supervision/attachments/${c.supervision.attachmentId}`,
    expect: { public: 401, admin: 200, department: 200, subdistrict: 404, enterprise: 403, operator: 403 },
  },
  {
    method: 'GET',
    route: '/api/supervision/todo',
    url: () => '/api/supervision/todo',
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/supervision/rollup',
    url: () => '/api/supervision/rollup',
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/supervision/settings',
    url: () => '/api/supervision/settings',
    expect: staffOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/supervision/settings',
    url: () => '/api/supervision/settings',
    body: () => ({
      thresholds: { yellowBehindPoints: 10, redBehindPoints: 25, dueSoonWorkingDays: 5 },
      ladder: {
        reminderWorkingDays: 3,
        yellowAfterWorkingDays: 5,
        redAfterWorkingDays: 5,
        responseWorkingDays: 5,
        reissueAfterWorkingDays: 5,
      },
    }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    route: '/api/supervision/ledger/export',
    url: () => '/api/supervision/ledger/export',
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/supervision/ledger/import',
    url: () => '/api/supervision/ledger/import',
    body: () => ({ not: 'a file' }),
    expect: adminOnly(415),
  },
  {
    method: 'GET',
    route: '/api/meetings',
    url: () => '/api/meetings',
    expect: staffOnly(200),
  },
  {
    method: 'POST',
    route: '/api/meetings',
    url: () => '/api/meetings',
    body: () => meetingBody,
    expect: adminOnly(201),
  },
  {
    method: 'GET',
    route: '/api/meetings/{id}',
    url: (c) => `/api/meetings/${c.meetings.meetingId}`,
    expect: { public: 401, admin: 200, department: 200, subdistrict: 404, enterprise: 403, operator: 403 },
  },
  {
    method: 'PUT',
    route: '/api/meetings/{id}',
    url: (c) => `/api/meetings/${c.meetings.meetingId}`,
    body: () => meetingBody,
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/agenda/generate',
    url: (c) => `/api/meetings/${c.meetings.meetingId}/agenda/generate`,
    expect: adminOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/meetings/{id}/agenda',
    url: (c) => `/api/meetings/${c.meetings.meetingId}/agenda`,
    body: () => ({ entries: [{ text: '权限测试议题' }] }),
    expect: adminOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/meetings/{id}/minutes',
    url: (c) => `/api/meetings/${c.meetings.meetingId}/minutes`,
    body: () => ({ decisions: [] }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/publish',
    url: (c) => `/api/meetings/${c.meetings.heldId}/publish`,
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    route: '/api/meetings/{id}/minutes/document',
    url: (c) => `/api/meetings/${c.meetings.meetingId}/minutes/document`,
    expect: { public: 401, admin: 200, department: 200, subdistrict: 404, enterprise: 403, operator: 403 },
  },
  {
    method: 'GET',
    route: '/api/assessment/schemes/{year}',
    url: () => '/api/assessment/schemes/2026',
    expect: staffOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/assessment/schemes/{year}',
    url: () => '/api/assessment/schemes/2029',
    body: () => ({ title: '权限测试方案', indicators: [] }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/assessment/schemes/{year}/default',
    url: () => '/api/assessment/schemes/2030/default',
    expect: adminOnly(201),
  },
  {
    method: 'POST',
    route: '/api/assessment/bonuses',
    url: () => '/api/assessment/bonuses',
    body: (c) => ({
      unitId: c.supervision.unitId,
      indicatorCode: 'bonus',
      month: '2026-05',
      title: '权限测试',
    }),
    expect: adminOnly(201),
  },
  {
    method: 'GET',
    route: '/api/assessment/scorecards',
    url: () => '/api/assessment/scorecards?period=2026-05',
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/assessment/scorecards/{unitId}',
    url: (c) => `/api/assessment/scorecards/${c.supervision.unitId}?period=2026-05`,
    expect: { public: 401, admin: 200, department: 200, subdistrict: 404, enterprise: 403, operator: 403 },
  },
  {
    method: 'GET',
    route: '/api/assessment/ranking',
    url: () => '/api/assessment/ranking?period=2026-05&group=subdistricts',
    expect: staffOnly(200),
  },
  {
    method: 'POST',
    route: '/api/assessment/years/{year}/close',
    url: () => '/api/assessment/years/2029/close',
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/assessment/years/{year}/recompute',
    url: () => '/api/assessment/years/2028/recompute',
    body: () => ({ reason: '权限测试' }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    route: '/api/assessment/export',
    url: () => '/api/assessment/export?period=2026-05',
    expect: { public: 401, admin: 200, department: 200, subdistrict: 403, enterprise: 403, operator: 403 },
  },
  {
    method: 'GET',
    route: '/api/assessment/bulletin',
    url: () => '/api/assessment/bulletin?month=2026-05',
    expect: { public: 401, admin: 200, department: 200, subdistrict: 403, enterprise: 403, operator: 403 },
  },
  {
    method: 'GET',
    route: '/api/supervision/notices',
    url: () => '/api/supervision/notices',
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/supervision/notices/{id}',
    url: (c) => `/api/supervision/notices/${c.noticeId}`,
    expect: { public: 401, admin: 200, department: 200, subdistrict: 404, enterprise: 403, operator: 403 },
  },
  {
    method: 'POST',
    route: '/api/supervision/items/{id}/notices',
    url: (c) => `/api/supervision/items/${c.supervision.itemId}/notices`,
    body: () => ({}),
    expect: adminOnly(201),
  },
  {
    method: 'POST',
    route: '/api/supervision/notices/{id}/acknowledge',
    url: (c) => `/api/supervision/notices/${c.noticeId}/acknowledge`,
    body: () => ({}),
    // The owning unit's alone (the plan office issues and closes, it does not sign for a unit).
    expect: { public: 401, admin: 403, department: 404, subdistrict: 404, enterprise: 403, operator: 403 },
  },
  {
    method: 'POST',
    route: '/api/supervision/notices/{id}/respond',
    url: (c) => `/api/supervision/notices/${c.noticeId}/respond`,
    body: () => ({ remediation: '权限测试' }),
    expect: { public: 401, admin: 403, department: 404, subdistrict: 404, enterprise: 403, operator: 403 },
  },
  {
    method: 'POST',
    route: '/api/supervision/notices/{id}/close',
    url: (c) => `/api/supervision/notices/${c.noticeId}/close`,
    body: () => ({}),
    // The plan office's; 409 here because the unit has not answered yet.
    expect: adminOnly(409),
  },
  {
    method: 'GET',
    route: '/api/public/supervision/tasks',
    url: () => '/api/public/supervision/tasks',
    expect: all(200),
  },
  {
    method: 'GET',
    route: '/api/service-desk/requests',
    url: () => '/api/service-desk/requests',
    expect: signedInOnly(200),
  },
  {
    method: 'POST',
    route: '/api/service-desk/requests',
    url: () => '/api/service-desk/requests',
    body: () => ({ category: 'policy', title: '权限测试诉求', description: '权限测试' }),
    // An enterprise files for itself; the office and a subdistrict must name the enterprise (代录): 400 without.
    expect: { public: 401, admin: 400, department: 403, subdistrict: 400, enterprise: 201, operator: 403 },
  },
  {
    method: 'GET',
    route: '/api/service-desk/requests/{id}',
    url: (c) => `/api/service-desk/requests/${c.serviceDesk.requestId}`,
    expect: { public: 401, admin: 200, department: 404, subdistrict: 404, enterprise: 404, operator: 404 },
  },
  {
    method: 'GET',
    route: '/api/service-desk/requests/{id}/contact',
    url: (c) => `/api/service-desk/requests/${c.serviceDesk.requestId}/contact`,
    expect: { public: 401, admin: 200, department: 404, subdistrict: 404, enterprise: 404, operator: 404 },
  },
  ...(
    [
      ['dispatch', (c: Ctx) => ({ unitId: c.supervision.unitId }), 200],
      ['accept', () => ({}), 403],
      ['return', (c: Ctx) => ({ reason: '权限测试', suggestedUnitId: c.supervision.unitId }), 403],
      ['decide', (c: Ctx) => ({ unitId: c.supervision.unitId, text: '权限测试' }), 409],
      ['notes', () => ({ text: '权限测试' }), 403],
      ['supplement-request', () => ({ text: '权限测试' }), 403],
      ['supplement', () => ({ text: '权限测试' }), 409],
      ['extension', () => ({ days: 1, reason: '权限测试' }), 403],
      ['extension/decision', () => ({ approve: true }), 409],
      ['answer', () => ({ text: '权限测试' }), 403],
      ['rating', () => ({ rating: 'satisfied' }), 409],
      ['coordination', () => ({ text: '权限测试' }), 409],
    ] as const
  ).map(([path, body, admin]): Case => ({
    method: 'POST',
    route: `/api/service-desk/requests/{id}/${path}`,
    url: (c) => `/api/service-desk/requests/${c.serviceDesk.requestId}/${path}`,
    body,
    // Someone else's request: absent to every unit and enterprise it does not concern; the plan office may
    // dispatch (派单) but not act for the unit (403), and a step its state does not allow is 409.
    expect: { public: 401, admin, department: 404, subdistrict: 404, enterprise: 404, operator: 404 },
  })),
  {
    method: 'PUT',
    route: '/api/service-desk/requests/{id}/publication',
    url: (c) => `/api/service-desk/requests/${c.serviceDesk.requestId}/publication`,
    body: () => ({ withheld: false }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/service-desk/requests/{id}/attachments',
    url: (c) => `/api/service-desk/requests/${c.serviceDesk.requestId}/attachments`,
    body: () => ({}),
    // The office may attach (415 here: not multipart); the request is absent to the others.
    expect: { public: 401, admin: 415, department: 404, subdistrict: 404, enterprise: 404, operator: 404 },
  },
  {
    method: 'GET',
    route: '/api/service-desk/attachments/{id}',
    url: (c) => `/api/service-desk/attachments/${c.serviceDesk.attachmentId}`,
    expect: { public: 401, admin: 200, department: 404, subdistrict: 404, enterprise: 404, operator: 404 },
  },
  {
    method: 'GET',
    route: '/api/service-desk/categories',
    url: () => '/api/service-desk/categories',
    expect: signedInOnly(200),
  },
  {
    method: 'GET',
    route: '/api/service-desk/config',
    url: () => '/api/service-desk/config',
    expect: staffOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/service-desk/config',
    url: () => '/api/service-desk/config',
    body: (c) => c.serviceDesk.config,
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    route: '/api/service-desk/figures',
    url: () => '/api/service-desk/figures?from=2026-01&to=2026-03',
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/public/service-desk/figures',
    url: () => '/api/public/service-desk/figures?from=2026-01&to=2026-03',
    expect: all(200),
  },
  {
    method: 'GET',
    route: '/api/public/service-desk/knowledge',
    url: () => '/api/public/service-desk/knowledge',
    expect: all(200),
  },
  {
    method: 'GET',
    route: '/api/public/service-desk/knowledge/{id}',
    // Not closed, not published: absent to everyone.
    url: (c) => `/api/public/service-desk/knowledge/${c.serviceDesk.requestId}`,
    expect: all(404),
  },
  // 产业载体: operators — staff read all, an operator itself; the plan office registers and edits them.
  {
    method: 'GET',
    route: '/api/space/operators',
    url: () => '/api/space/operators',
    expect: { ...signedInOnly(200), enterprise: 403 },
  },
  {
    method: 'POST',
    route: '/api/space/operators',
    url: () => '/api/space/operators',
    body: (c) => ({ name: `权限测试运营机构${c.serial()}` }),
    expect: adminOnly(201),
  },
  {
    method: 'PUT',
    route: '/api/space/operators/{id}',
    url: (c) => `/api/space/operators/${c.operatorId}`,
    body: () => ({
      name: '重庆渝高创新空间运营管理有限公司',
      contactPerson: '周敏',
      contactPhone: '023-68600000',
    }),
    expect: adminOnly(200),
  },
  { method: 'POST', route: '/api/auth/logout', url: () => '/api/auth/logout', expect: all(200) },
];

let p: Platform;
const clients = {} as Record<Role, Client>;
let ctx: Ctx;

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 120 });
  clients.public = new Client(p.app);
  clients.admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  clients.department = await signedIn(p.app, 'dept', DEMO_PASSWORD);
  clients.subdistrict = await signedIn(p.app, 'street', DEMO_PASSWORD);
  clients.enterprise = await signedIn(p.app, 'firm', DEMO_PASSWORD);
  clients.operator = await signedIn(p.app, 'operator', DEMO_PASSWORD);
  // Each role from its own address, as in life: the per-address limits of public writes (login, 忘记密码,
  // objections) count each caller once, not six roles as one.
  roles.forEach((role, i) => (clients[role].remoteAddress = `192.0.2.${i + 10}`));
  const street = (await clients.subdistrict.get('/api/auth/me')).json().user;
  const firm = (await clients.enterprise.get('/api/auth/me')).json().user;
  const page = (await clients.admin.get('/api/enterprises?pageSize=200')).json<{
    items: EnterpriseListItem[];
  }>();
  const other = page.items.find(
    (e) =>
      e.subdistrict.id !== street.unitId &&
      e.id !== firm.enterpriseId &&
      e.status === 'active' &&
      e.registrationDate < '2026-01-01',
  )!;
  const created = await clients.admin.request('POST', '/api/users', {
    username: 'target-user',
    displayName: '被修改的用户',
    password: 'a-long-password',
    role: 'admin',
  });
  const office = (await clients.admin.get('/api/units?kind=office')).json<{ items: { id: string }[] }>()
    .items[0]!;
  const note = await notify(p.db, p.districtId, {
    recipient: { kind: 'unit', id: office.id },
    category: 'system',
    title: '权限测试',
    body: '权限测试',
  });
  const policy = (
    await clients.admin.request('POST', '/api/policies', {
      code: 'accessPolicy',
      definition: policyDefinition,
      status: 'active',
    })
  ).json<{ id: string }>();
  const batch = async () =>
    (await clients.admin.request('POST', `/api/policies/${policy.id}/batches`, {})).json<{
      batch: { id: string };
    }>().batch.id;
  const [reviewBatchId, publishBatchId, cancelBatchId, noticeBatchId] = [
    await batch(),
    await batch(),
    await batch(),
    await batch(),
  ];
  await clients.admin.request('POST', `/api/grant-batches/${noticeBatchId}/publish`, {});
  const batchItems = (await clients.admin.get(`/api/grant-batches/${reviewBatchId}/items`)).json<{
    items: { enterpriseId: string }[];
  }>();
  await p.app.inject({
    method: 'POST',
    url: '/api/auth/password-reset-requests',
    payload: { username: 'street' },
    remoteAddress: '192.0.2.1',
  });
  const reset = (await clients.admin.get('/api/users/password-resets')).json<{ items: { id: string }[] }>()
    .items[0]!;
  await clients.admin.request('POST', `/api/users/password-resets/${reset.id}/reject`);
  const bigData = (await clients.admin.get('/api/units'))
    .json<{ items: { id: string; name: string }[] }>()
    .items.find((u) => u.name === '区大数据发展局')!;
  const supervisionItem = (
    await clients.admin.request('POST', '/api/supervision/items', {
      taskNumber: 1,
      title: '权限测试举措',
      ownerUnitId: bigData.id,
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
    })
  ).json<{ item: { id: string } }>().item.id;
  const supervisionReport = async (period: string) =>
    (
      await clients.admin.request('POST', `/api/supervision/items/${supervisionItem}/reports`, {
        period,
        progress: '权限测试',
        percent: 5,
      })
    ).json<{ reports: { id: string }[] }>().reports[0]!.id;
  const returnId = await supervisionReport('2026-02');
  const acceptId = await supervisionReport('2026-03');
  const attachmentId = (
    await upload(
      p.app,
      clients.admin,
      `/api/supervision/reports/${acceptId}/attachments`,
      'a.pdf',
      '%PDF-1.4\n',
    )
  ).json<{ id: string }>().id;
  const newMeeting = async () =>
    (
      await clients.admin.request('POST', '/api/meetings', { ...meetingBody, attendeeUnitIds: [bigData.id] })
    ).json<{ meeting: { id: string } }>().meeting.id;
  const meetingId = await newMeeting();
  const heldId = await newMeeting();
  await clients.admin.request('PUT', `/api/meetings/${heldId}/minutes`, {
    decisions: [{ text: '权限测试议定事项', ownerUnitId: bigData.id, dueDate: '2026-12-31' }],
  });
  const noticeItem = (
    await clients.admin.request('POST', '/api/supervision/items', {
      taskNumber: 1,
      title: '权限测试督办举措',
      ownerUnitId: bigData.id,
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
    })
  ).json<{ item: { id: string } }>().item.id;
  const noticeId = (
    await clients.admin.request('POST', `/api/supervision/items/${noticeItem}/notices`, {
      reason: '权限测试',
    })
  ).json<{ notice: { id: string } }>().notice.id;
  const deskRequest = (
    await clients.admin.request('POST', '/api/service-desk/requests', {
      category: 'policy',
      title: '权限测试：数据政策咨询',
      description: '权限测试',
      enterprise: { uscc: other.uscc },
    })
  ).json<{ id: string; unit: { id: string } }>();
  const deskAttachmentId = (
    await upload(
      p.app,
      clients.admin,
      `/api/service-desk/requests/${deskRequest.id}/attachments`,
      'a.pdf',
      '%PDF-1.4\n',
    )
  ).json<{ id: string }>().id;
  const {
    version: _v,
    savedByLabel: _s,
    savedAt: _a,
    ...deskConfig
  } = (await clients.admin.get('/api/service-desk/config')).json<Record<string, unknown>>();
  let n = 1000;
  // 年度考核: the example scheme of 2026 (its bonus line), 2029 to close, 2028 closed already (to revise).
  for (const year of [2026, 2028, 2029])
    await clients.admin.request('POST', `/api/assessment/schemes/${year}/default`);
  await clients.admin.request('POST', '/api/assessment/years/2028/close');
  ctx = {
    meetings: { meetingId, heldId },
    supervision: { unitId: bigData.id, itemId: supervisionItem, returnId, acceptId, attachmentId },
    noticeId,
    serviceDesk: { requestId: deskRequest.id, attachmentId: deskAttachmentId, config: deskConfig },
    resetRequestId: reset.id,
    policyId: policy.id,
    reviewBatchId: reviewBatchId!,
    publishBatchId: publishBatchId!,
    cancelBatchId: cancelBatchId!,
    noticeBatchId: noticeBatchId!,
    batchEnterpriseId: batchItems.items[0]!.enterpriseId,
    otherEnterprise: other,
    streetUnitId: street.unitId,
    userId: created.json().id,
    officeNotificationId: note.id,
    operatorId: (await clients.operator.get('/api/auth/me')).json<{ user: { operatorId: string } }>().user
      .operatorId,
    serial: () => n++,
  };
});
afterAll(() => p?.close());

describe('access control', () => {
  it('covers every route the OpenAPI document lists', async () => {
    const doc = (await clients.public.get('/api/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const tested = cases.map((c) => `${c.method} ${c.route}`);
    expect(documented.sort()).toEqual([...new Set(tested)].sort());
  });

  for (const c of cases) {
    it(`${c.method} ${c.route}: ${roles.map((r) => `${r} ${c.expect[r]}`).join(', ')}`, async () => {
      const got: Record<string, number> = {};
      for (const role of roles) {
        const res = await clients[role].request(c.method, c.url(ctx), c.body?.(ctx));
        got[role] = res.statusCode;
        if (res.statusCode >= 400) {
          // Every refusal speaks the one error shape.
          expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        }
      }
      expect(got).toEqual(c.expect);
    });
  }
});

/** Public writes that change nothing for a caller without a session, so there is nothing to flood. */
const writesNothingForThePublic = new Set(['POST /api/auth/logout']);

describe('rate limits', () => {
  it('limit every write the public may make, per address (429 RATE_LIMITED with Retry-After)', async () => {
    // A write is public when the public's attempt is not refused as UNAUTHENTICATED (a failed login's 401 is not).
    const publicWrites: Case[] = [];
    for (const c of cases) {
      if (c.method === 'GET' || writesNothingForThePublic.has(`${c.method} ${c.route}`)) continue;
      const res = await clients.public.request(c.method, c.url(ctx), c.body?.(ctx));
      if (res.json<{ code?: string }>().code !== 'UNAUTHENTICATED') publicWrites.push(c);
    }
    expect(publicWrites.map((c) => c.route)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/public/notices/{id}/objections']),
    );
    let address = 0;
    for (const c of publicWrites) {
      const remoteAddress = `198.51.100.${++address}`;
      let limited: { headers: Record<string, unknown>; body: { code: string } } | undefined;
      for (let i = 0; i < 150 && !limited; i++) {
        const res = await p.app.inject({
          method: c.method,
          url: c.url(ctx),
          payload: (c.body?.(ctx) ?? {}) as object,
          remoteAddress,
        });
        if (res.statusCode === 429) limited = { headers: res.headers, body: res.json() };
      }
      expect(limited, `${c.method} ${c.route} is never limited`).toBeDefined();
      expect(limited!.body.code).toBe('RATE_LIMITED');
      expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});
