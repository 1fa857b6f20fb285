// Deciding a grant batch after its notice: the included are granted, every enterprise is told why in its inbox
// (with the basis of the batch's policy version: conditions, formula and parameter values), the batch is frozen.
import { and, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/db.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { publish } from '../../platform/events/events.store.ts';
import { notificationsRequested } from '../notifications/notifications.events.ts';
import type { NotificationInput } from '../notifications/notifications.ts';
import { monitoringSettings } from '../plan/plan.store.ts';
import { enterpriseProfilesSql } from '../enterprises/enterprises.sql.ts';
import { parametersOn } from '../policies/rules.ts';
import { monthEnd } from '../policies/rules.sql.ts';
import { explainTree, summaryOf, wanYuan } from '../policies/explain.ts';
import { compileContext } from '../policies/context.store.ts';
import { definitionAt } from '../policies/policies.store.ts';
import { factsColumnsSql, factsOf, thresholdsOf, type FactsColumns } from '../policies/results.store.ts';
import type { GrantBatch } from './grants.contract.ts';
import { grantBatches } from './grants.schema.ts';
import { batchSteps } from './grants.ts';
import { basisLines, yuanText } from './grants.basis.ts';
import { batchBasis } from './basis.store.ts';
import { event, lockBatch, requireStep } from './grants.store.ts';
// Today in Shanghai, 'YYYY-MM-DD'.
import { today as shanghaiDate } from '../../platform/time/date.ts';

/** Decides a batch after its notice: grants the included, tells every enterprise why, and freezes the batch. */
export async function decideBatch(db: Db, actor: Actor, batchId: string, now: Date, note: string) {
  await db.transaction(async (tx) => {
    const b = await lockBatch(tx, actor.districtId, batchId, 'decide');
    const [open] = await rows<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM grant_objections WHERE district_id = ${actor.districtId} AND batch_id = ${batchId} AND status = 'open'`,
    );
    requireStep('decide', {
      today: shanghaiDate(now),
      noticeEndsOn: b.noticeEndsOn,
      openObjections: open?.n ?? 0,
    });
    const def = await definitionAt(tx, actor.districtId, b.policyId, b.policyVersion);
    const basis = basisLines(
      await batchBasis(tx, actor.districtId, {
        policyId: b.policyId,
        policyVersion: b.policyVersion,
        period: b.period.slice(0, 7),
        parameters: b.parameters as GrantBatch['parameters'],
      }),
    );
    const period = b.period.slice(0, 7);
    const params = parametersOn(def.parameters, monthEnd(period));
    const thresholds = thresholdsOf(def.eligibility, params);
    const ctx = await compileContext(tx, actor.districtId);
    const settings = await monitoringSettings(tx, actor.districtId);
    const items = await rows<
      FactsColumns & {
        enterprise_id: string;
        amount: string;
        included: boolean;
        exclusion_reason: string | null;
        passed: (boolean | null)[];
        values: (number | null)[];
        coverage: (number | null)[] | null;
      }
    >(
      tx,
      sql`SELECT i.enterprise_id::text, i.amount::text, i.included, i.exclusion_reason, i.passed, i.values, i.coverage,
                 ${factsColumnsSql(period)}
          FROM grant_items i
          JOIN (${enterpriseProfilesSql(actor.districtId)}) e ON e.district_id = i.district_id AND e.id = i.enterprise_id
          WHERE i.district_id = ${actor.districtId} AND i.batch_id = ${batchId}`,
    );
    await tx.execute(
      sql`UPDATE grant_items SET granted = included WHERE district_id = ${actor.districtId} AND batch_id = ${batchId}`,
    );
    await tx
      .update(grantBatches)
      .set({ status: batchSteps.decide.to, decidedAt: now, decidedBy: actor.label, note: note || b.note })
      .where(and(eq(grantBatches.districtId, actor.districtId), eq(grantBatches.id, batchId)));
    const tierNames = new Map(Object.entries(settings.tiers).map(([k, t]) => [k, t.name]));
    const messages = items.map((i): NotificationInput => {
      const amount = Number(i.amount);
      const tree = explainTree({
        eligibility: def.eligibility,
        params: def.parameters,
        paramValues: params,
        passed: i.passed,
        values: i.values,
        coverage: i.coverage ?? [],
        facts: factsOf(i, ctx.names),
        names: { subdistricts: ctx.names.subdistricts, buildings: ctx.names.buildings, tiers: tierNames },
        thresholds,
      });
      const why = summaryOf(def.name, true, amount, tree).zh;
      const lines = tree.children.length ? tree.children.map((c) => `· ${c.text}`) : [`· ${tree.text}`];
      return {
        recipient: { kind: 'enterprise', id: i.enterprise_id },
        category: 'system',
        title: i.included ? `免申即享：${def.name} 已核定` : `免申即享：${def.name} 未予兑现`,
        body: i.included
          ? `${why}经 ${b.noticeDays} 个工作日公示（${b.noticeStartsOn} 至 ${b.noticeEndsOn}），核定兑现 ${yuanText(amount)}（${wanYuan(amount)}），无需申请。依据：\n${lines.join('\n')}\n${basis.join('\n')}`
          : `贵企业曾在「${def.name}」拟兑现名单中，经审核未予兑现。原因：${i.exclusion_reason ?? '—'}`,
        link: `/enterprises/${i.enterprise_id}/policies`,
        data: { batchId, policyId: b.policyId, version: b.policyVersion, amount, granted: i.included },
        dedupeKey: `grant:${batchId}`,
      };
    });
    await publish(tx, notificationsRequested.of(actor.districtId, { notifications: messages }));
    await event(tx, actor.districtId, batchId, 'decided', actor.label, note);
    await audit(tx, actor, {
      action: 'update',
      entity: 'grantBatch',
      entityId: batchId,
      before: { status: b.status },
      after: {
        status: batchSteps.decide.to,
        granted: items.filter((i) => i.included).length,
        total: items.filter((i) => i.included).reduce((s, i) => s + Number(i.amount), 0),
      },
      note,
    });
  });
}
