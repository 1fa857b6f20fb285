// No-application grant batches (免申即享): run → review → public notice → decision → inbox; audited. The steps follow
// the state machine of grants.ts; the decision is decision.store.ts, objections objections.store.ts, the public
// notices grants.notice.ts (their basis basis.store.ts, their .docx grants.document.ts), the export grants.export.ts.
import { and, asc, eq, sql } from 'drizzle-orm';
import { rows, type Db, type Queryable } from '../../platform/db/db.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { enterpriseAttributesSql } from '../enterprises/enterprises.sql.ts';
import { unitNamesSql } from '../units/units.store.ts';
import type { GrantBatch, GrantBatchDetail, GrantItem, Objection } from './grants.contract.ts';
import type { EnterpriseGrant } from '../policies/policies.contract.ts';
import { grantBatchEvents, grantBatches, grantItems } from './grants.schema.ts';
import { batchBasis } from './basis.store.ts';
import { grantSettingsOf } from './settings.store.ts';
import {
  batchSteps,
  initialStatus,
  noticeDaysRefusal,
  noticePeriod,
  requirementRefusal,
  statusRefusal,
  type BatchStep,
  type StepFacts,
} from './grants.ts';
import { parametersOn, parseUnit } from '../policies/rules.ts';
import { monthEnd, monthStart } from '../policies/rules.sql.ts';
import { wanYuan } from '../policies/explain.ts';
import { getPolicy, policyVersionsSql } from '../policies/policies.store.ts';
import { evaluatePolicies, policyPeriod } from '../policies/evaluation.store.ts';
import { eligibleResultsSql, scopeSql, type Scope } from '../policies/results.store.ts';
// Today in Shanghai, 'YYYY-MM-DD', and day arithmetic on it.
import { today as shanghaiDate } from '../../platform/time/date.ts';

export const conflict = (message: string) => new AppError('CONFLICT', message);

export async function event(
  db: Queryable,
  districtId: string,
  batchId: string,
  step: string,
  actor: string,
  note = '',
) {
  await db.insert(grantBatchEvents).values({ districtId, batchId, step, actor, note });
}

export interface BatchRow {
  id: string;
  number: string;
  policy_id: string;
  policy_code: string;
  definition: { name: string; summary?: string };
  policy_version: number;
  period: string;
  status: string;
  parameters: GrantBatch['parameters'];
  items: number;
  included: number;
  total_amount: string | null;
  notice_days: number;
  notice_starts_on: string | null;
  notice_ends_on: string | null;
  open_objections: number;
  objections: number;
  created_at: string;
  created_by: string;
  decided_at: string | null;
  decided_by: string | null;
  note: string;
  total: number;
}

export const batchSelect = (districtId: string) => sql`
  SELECT b.id::text, b.number, b.policy_id::text, v.code AS policy_code, v.definition, b.policy_version,
         to_char(b.period, 'YYYY-MM') AS period, b.status, b.parameters,
         (SELECT count(*)::int FROM grant_items i WHERE i.district_id = b.district_id AND i.batch_id = b.id) AS items,
         (SELECT count(*)::int FROM grant_items i WHERE i.district_id = b.district_id AND i.batch_id = b.id AND i.included) AS included,
         (SELECT sum(i.amount)::text FROM grant_items i WHERE i.district_id = b.district_id AND i.batch_id = b.id AND i.included) AS total_amount,
         b.notice_days, b.notice_starts_on::text, b.notice_ends_on::text,
         (SELECT count(*)::int FROM grant_objections o WHERE o.district_id = b.district_id AND o.batch_id = b.id AND o.status = 'open') AS open_objections,
         (SELECT count(*)::int FROM grant_objections o WHERE o.district_id = b.district_id AND o.batch_id = b.id) AS objections,
         b.created_at::text, b.created_by, b.decided_at::text, b.decided_by, b.note, count(*) OVER ()::int AS total
  FROM grant_batches b
  JOIN (${policyVersionsSql(districtId)}) v ON v.policy_id = b.policy_id AND v.version = b.policy_version
  WHERE b.district_id = ${districtId}`;

export const toBatch = (r: BatchRow): GrantBatch => ({
  id: r.id,
  number: r.number,
  policyId: r.policy_id,
  policyCode: r.policy_code,
  policyName: r.definition.name,
  policyVersion: r.policy_version,
  period: r.period,
  status: r.status as GrantBatch['status'],
  parameters: r.parameters,
  items: r.items,
  included: r.included,
  totalAmount: Number(r.total_amount ?? 0),
  noticeDays: r.notice_days,
  noticeStartsOn: r.notice_starts_on,
  noticeEndsOn: r.notice_ends_on,
  openObjections: r.open_objections,
  objections: r.objections,
  createdAt: r.created_at,
  createdBy: r.created_by,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  note: r.note,
});

/** What a reader may see of batches, decided by grantView() in grants.policy.ts; the store applies it. */
export interface GrantView {
  /** The batch statuses readable; a batch in another status reads as absent. */
  statuses: readonly GrantBatch['status'][];
  /** Whose items are listed. */
  items: Scope;
  /** Objectors' names and contacts. */
  objectors: boolean;
}
/** The plan office's view: everything (what a writer gets back after a step). */
export const officeView: GrantView = {
  statuses: ['review', 'notice', 'decided', 'cancelled'],
  items: { all: true },
  objectors: true,
};

const statusIn = (view: GrantView) =>
  view.statuses.length
    ? sql`AND b.status IN (${sql.join(
        view.statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`
    : sql`AND false`;

export async function listBatches(
  db: Queryable,
  districtId: string,
  q: { status?: string; policyId?: string; page: number; pageSize: number },
  view: GrantView = officeView,
) {
  const list = await rows<BatchRow>(
    db,
    sql`${batchSelect(districtId)} ${statusIn(view)} ${q.status ? sql`AND b.status = ${q.status}` : sql``}
        ${q.policyId ? sql`AND b.policy_id = ${q.policyId}` : sql``}
        ORDER BY b.created_at DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return { items: list.map(toBatch), total: list[0]?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function batchRow(
  db: Queryable,
  districtId: string,
  id: string,
  view: GrantView = officeView,
): Promise<BatchRow> {
  const [r] = await rows<BatchRow>(db, sql`${batchSelect(districtId)} AND b.id = ${id} ${statusIn(view)}`);
  if (!r) throw notFound('批次');
  return r;
}

/** The batch row locked for a step, refused (409) unless its status allows the step. */
export async function lockBatch(db: Queryable, districtId: string, id: string, step: BatchStep) {
  const [b] = await db
    .select()
    .from(grantBatches)
    .where(and(eq(grantBatches.districtId, districtId), eq(grantBatches.id, id)))
    .for('update');
  if (!b) throw notFound('批次');
  const refused = statusRefusal(step, b.status);
  if (refused) throw conflict(refused);
  return b;
}

/** Refuses (409) a step whose requirements are not met. */
export function requireStep<S extends BatchStep>(step: S, facts: StepFacts[S]) {
  const refused = requirementRefusal(step, facts);
  if (refused) throw conflict(refused);
}

export async function batchDetail(
  db: Queryable,
  districtId: string,
  id: string,
  view: GrantView = officeView,
): Promise<GrantBatchDetail> {
  const batch = toBatch(await batchRow(db, districtId, id, view));
  const objections = await rows<{
    id: string;
    receipt: string | null;
    enterprise_id: string | null;
    enterprise_name: string | null;
    filer_name: string;
    filer_contact: string;
    filed_by_enterprise: string | null;
    text: string;
    filed_at: string;
    status: string;
    response: string | null;
    responded_at: string | null;
  }>(
    db,
    sql`SELECT o.id::text, o.receipt, o.enterprise_id::text, e.name AS enterprise_name, o.filer_name, o.filer_contact,
               o.filed_by_enterprise::text, o.text, o.filed_at::text, o.status, o.response, o.responded_at::text
        FROM grant_objections o LEFT JOIN (${enterpriseAttributesSql(districtId)}) e ON e.id = o.enterprise_id
        WHERE o.district_id = ${districtId} AND o.batch_id = ${id} ORDER BY o.filed_at`,
  );
  const events = await db
    .select()
    .from(grantBatchEvents)
    .where(and(eq(grantBatchEvents.districtId, districtId), eq(grantBatchEvents.batchId, id)))
    .orderBy(asc(grantBatchEvents.at));
  return {
    batch,
    basis: await batchBasis(db, districtId, batch),
    objections: objections.map((o): Objection => ({
      id: o.id,
      receipt: o.receipt,
      batchId: id,
      enterpriseId: o.enterprise_id,
      enterpriseName: o.enterprise_name,
      filerName: view.objectors ? o.filer_name : null,
      filerContact: view.objectors ? o.filer_contact : null,
      filedByEnterprise: o.filed_by_enterprise !== null,
      text: o.text,
      filedAt: o.filed_at,
      status: o.status as Objection['status'],
      response: o.response,
      respondedAt: o.responded_at,
    })),
    events: events.map((e) => ({
      at: new Date(e.at).toISOString(),
      actor: e.actor,
      step: e.step,
      note: e.note,
    })),
  };
}

export async function batchItems(
  db: Queryable,
  districtId: string,
  id: string,
  q: { included?: 'true' | 'false'; q?: string; enterpriseId?: string; page: number; pageSize: number },
  view: GrantView = officeView,
) {
  await batchRow(db, districtId, id, view);
  const list = await rows<{
    enterprise_id: string;
    name: string;
    uscc: string;
    subdistrict_name: string;
    amount: string;
    included: boolean;
    exclusion_reason: string | null;
    granted: boolean | null;
    open_objections: number;
    total: number;
  }>(
    db,
    sql`SELECT i.enterprise_id::text, e.name, e.uscc, u.name AS subdistrict_name, i.amount::text, i.included,
               i.exclusion_reason, i.granted,
               (SELECT count(*)::int FROM grant_objections o WHERE o.district_id = i.district_id AND o.batch_id = i.batch_id
                  AND o.enterprise_id = i.enterprise_id AND o.status = 'open') AS open_objections,
               count(*) OVER ()::int AS total
        FROM grant_items i
        JOIN (${enterpriseAttributesSql(districtId)}) e ON e.id = i.enterprise_id
        JOIN (${unitNamesSql(districtId)}) u ON u.id = e.subdistrict_id
        WHERE i.district_id = ${districtId} AND i.batch_id = ${id} ${scopeSql(view.items)}
          ${q.included ? sql`AND i.included = ${q.included === 'true'}` : sql``}
          ${q.q ? sql`AND (e.name ILIKE ${`%${q.q}%`} OR e.uscc = ${q.q.toUpperCase()})` : sql``}
          ${q.enterpriseId ? sql`AND i.enterprise_id = ${q.enterpriseId}` : sql``}
        ORDER BY i.amount DESC, e.name LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return {
    items: list.map((r): GrantItem => ({
      enterpriseId: r.enterprise_id,
      name: r.name,
      uscc: r.uscc,
      subdistrictName: r.subdistrict_name,
      amount: Number(r.amount),
      included: r.included,
      exclusionReason: r.exclusion_reason,
      granted: r.granted,
      openObjections: r.open_objections,
    })),
    total: list[0]?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Runs a policy now and opens a batch of its eligible enterprises with their amounts and explanations. */
export async function createBatch(
  db: Db,
  actor: Actor,
  policyId: string,
  now: Date,
  note: string,
): Promise<string> {
  const policy = await getPolicy(db, actor.districtId, policyId);
  if (policy.status !== 'active') throw conflict('只有已启用的政策可以发起免申即享批次');
  if (!policy.definition.benefit) throw conflict('该政策只认定资格，没有补贴金额，不能发起兑现批次');
  const period = await policyPeriod(db, actor.districtId, now);
  await evaluatePolicies(db, actor.districtId, period, [policyId]);
  const def = policy.definition;
  const inForce = parametersOn(def.parameters, monthEnd(period));
  const parameters = Object.fromEntries(
    Object.entries(def.parameters).map(([k, p]) => [
      k,
      { label: p.label, value: (inForce[k] ?? NaN) / (parseUnit(p.unit)?.scale ?? 1), unit: p.unit },
    ]),
  );
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`grant-number:${actor.districtId}`}))`);
    const year = shanghaiDate(now).slice(0, 4);
    const [c] = await rows<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM grant_batches WHERE district_id = ${actor.districtId} AND number LIKE ${`免申即享〔${year}〕%`}`,
    );
    const number = `免申即享〔${year}〕${(c?.n ?? 0) + 1}号`;
    const [b] = await tx
      .insert(grantBatches)
      .values({
        districtId: actor.districtId,
        number,
        policyId,
        policyVersion: policy.version,
        period: monthStart(period),
        status: initialStatus,
        parameters,
        noticeDays: def.noticeDays,
        note,
        createdBy: actor.label,
      })
      .returning({ id: grantBatches.id });
    const batchId = b!.id;
    await tx.execute(sql`
      INSERT INTO grant_items (district_id, batch_id, enterprise_id, amount, passed, values, coverage)
      SELECT ${actor.districtId}, ${batchId}::uuid, r.enterprise_id, coalesce(r.amount, 0), r.passed, r.values, r.coverage
      FROM (${eligibleResultsSql(actor.districtId, policyId)}) r`);
    const [n] = await rows<{ n: number; total: string | null }>(
      tx,
      sql`SELECT count(*)::int AS n, sum(amount)::text AS total FROM grant_items WHERE district_id = ${actor.districtId} AND batch_id = ${batchId}`,
    );
    await event(
      tx,
      actor.districtId,
      batchId,
      'created',
      actor.label,
      `${n!.n} 家企业，合计 ${wanYuan(Number(n!.total ?? 0))}`,
    );
    await audit(tx, actor, {
      action: 'create',
      entity: 'grantBatch',
      entityId: batchId,
      after: {
        number,
        policyId,
        version: policy.version,
        period,
        items: n!.n,
        total: Number(n!.total ?? 0),
        parameters,
      },
    });
    return batchId;
  });
}

export async function reviewItem(
  db: Db,
  actor: Actor,
  batchId: string,
  enterpriseId: string,
  included: boolean,
  reason: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockBatch(tx, actor.districtId, batchId, 'reviewItem');
    const where = and(
      eq(grantItems.districtId, actor.districtId),
      eq(grantItems.batchId, batchId),
      eq(grantItems.enterpriseId, enterpriseId),
    );
    const [item] = await tx.select().from(grantItems).where(where);
    if (!item) throw notFound('批次中的企业');
    if (item.included === included && (item.exclusionReason ?? '') === (included ? '' : reason)) return;
    await tx
      .update(grantItems)
      .set({ included, exclusionReason: included ? null : reason })
      .where(where);
    await event(
      tx,
      actor.districtId,
      batchId,
      included ? 'itemIncluded' : 'itemExcluded',
      actor.label,
      reason,
    );
    await audit(tx, actor, {
      action: 'update',
      entity: 'grantItem',
      entityId: `${batchId}:${enterpriseId}`,
      before: { included: item.included, exclusionReason: item.exclusionReason },
      after: { included, exclusionReason: included ? null : reason },
    });
  });
}

export async function publishBatch(db: Db, actor: Actor, batchId: string, now: Date, noticeDays?: number) {
  await db.transaction(async (tx) => {
    const b = await lockBatch(tx, actor.districtId, batchId, 'publish');
    const [n] = await rows<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM grant_items WHERE district_id = ${actor.districtId} AND batch_id = ${batchId} AND included`,
    );
    requireStep('publish', { includedItems: n?.n ?? 0 });
    const days = noticeDays ?? b.noticeDays;
    const { minNoticeWorkingDays } = await grantSettingsOf(tx, actor.districtId);
    const refused = noticeDaysRefusal(days, minNoticeWorkingDays);
    if (refused) throw new AppError('VALIDATION', refused, [{ path: 'noticeDays', message: refused }]);
    const { start, end } = noticePeriod(shanghaiDate(now), days);
    await tx
      .update(grantBatches)
      .set({ status: batchSteps.publish.to, noticeDays: days, noticeStartsOn: start, noticeEndsOn: end })
      .where(and(eq(grantBatches.districtId, actor.districtId), eq(grantBatches.id, batchId)));
    await event(
      tx,
      actor.districtId,
      batchId,
      'published',
      actor.label,
      `公示期 ${start} 至 ${end}（${days} 个工作日）`,
    );
    await audit(tx, actor, {
      action: 'update',
      entity: 'grantBatch',
      entityId: batchId,
      before: { status: b.status },
      after: { status: batchSteps.publish.to, noticeStartsOn: start, noticeEndsOn: end, noticeDays: days },
    });
  });
}

export async function cancelBatch(db: Db, actor: Actor, batchId: string, reason: string) {
  await db.transaction(async (tx) => {
    const b = await lockBatch(tx, actor.districtId, batchId, 'cancel');
    await tx
      .update(grantBatches)
      .set({ status: batchSteps.cancel.to })
      .where(and(eq(grantBatches.districtId, actor.districtId), eq(grantBatches.id, batchId)));
    await event(tx, actor.districtId, batchId, 'cancelled', actor.label, reason);
    await audit(tx, actor, {
      action: 'update',
      entity: 'grantBatch',
      entityId: batchId,
      before: { status: b.status },
      after: { status: batchSteps.cancel.to },
      note: reason,
    });
  });
}

/** An enterprise's grants in batches of the given statuses (never cancelled ones), newest first: its policy page. */
export async function enterpriseGrants(
  db: Queryable,
  districtId: string,
  enterpriseId: string,
  statuses: readonly string[],
): Promise<EnterpriseGrant[]> {
  const list = await rows<{
    policy_id: string;
    batch_id: string;
    status: string;
    amount: string;
    included: boolean;
    decided_at: string | null;
    granted: boolean | null;
  }>(
    db,
    sql`SELECT b.policy_id::text, b.id::text AS batch_id, b.status, i.amount::text, i.included, b.decided_at::text, i.granted
        FROM grant_items i JOIN grant_batches b ON b.district_id = i.district_id AND b.id = i.batch_id
        WHERE i.district_id = ${districtId} AND i.enterprise_id = ${enterpriseId} AND b.status <> 'cancelled'
          AND b.status IN (${sql.join(
            [...statuses, ''].map((st) => sql`${st}`),
            sql`, `,
          )})
        ORDER BY b.created_at DESC`,
  );
  return list.map((g) => ({
    policyId: g.policy_id,
    batchId: g.batch_id,
    status: g.status,
    amount: Number(g.amount),
    // Once decided, what was granted; before, whether it is on the list.
    included: g.status === 'decided' ? g.granted === true : g.included,
    decidedAt: g.decided_at,
  }));
}
