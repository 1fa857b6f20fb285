// The only SQL about plan tables: loading a plan file (idempotent upsert) and reading the plan back.
import { createHash } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { districts } from '../../platform/district.schema.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { plans, planSections, planTargets, planTasks, planTaskUnits } from './plan.schema.ts';
import { upsertUnits, allUnits as allUnitsOf, type UnitSeed } from '../units/units.store.ts';
import { PlanIndex } from './plan.ts';
import type { MonitoringSettings, PlanFile } from './plan-file.ts';

export type PlanRow = typeof plans.$inferSelect;

export interface LoadResult {
  districtId: string;
  planId: string;
  /** 'created' on first load, 'updated' when the file changed, 'unchanged' otherwise. */
  outcome: 'created' | 'updated' | 'unchanged';
}

export const contentHashOf = (yamlText: string) => createHash('sha256').update(yamlText).digest('hex');

/**
 * Loads a plan file into its district, in one transaction. Units, targets and tasks are matched by code or
 * number so their ids survive a reload of a corrected file; the previous version is kept in the audit trail.
 */
export async function loadPlanFile(
  db: Db,
  file: PlanFile,
  yamlText: string,
  actorOf: (d: string) => Actor,
): Promise<LoadResult> {
  const districtId = file.district.id;
  const hash = contentHashOf(yamlText);
  return db.transaction(async (tx) => {
    await tx
      .insert(districts)
      .values({
        id: districtId,
        name: file.district.name,
        nameEn: file.district.nameEn,
        city: file.district.city,
      })
      .onConflictDoUpdate({
        target: districts.id,
        set: { name: file.district.name, nameEn: file.district.nameEn, city: file.district.city },
      });
    const existing = (
      await tx
        .select()
        .from(plans)
        .where(and(eq(plans.districtId, districtId), eq(plans.code, file.plan.code)))
        .limit(1)
    )[0];
    if (existing && existing.contentHash === hash) {
      return { districtId, planId: existing.id, outcome: 'unchanged' as const };
    }

    const unitSeeds: UnitSeed[] = file.units.map((u) => ({
      code: u.code,
      name: u.name,
      nameEn: u.nameEn,
      kind: u.kind,
      subkind: u.kind === 'subdistrict' ? u.subkind : null,
      parentCode: u.parent ?? null,
      divisionCode: u.kind === 'subdistrict' ? (u.divisionCode ?? null) : null,
      collective: u.kind === 'collective' ? u.collective : null,
    }));
    const unitId = await upsertUnits(tx, districtId, unitSeeds);
    const idOf = (code: string) => {
      const id = unitId.get(code);
      if (!id) throw new Error(`unit ${code} missing after upsert`);
      return id;
    };

    const planValues = {
      districtId,
      code: file.plan.code,
      title: file.plan.title,
      titleEn: file.plan.titleEn,
      status: file.plan.status,
      source: file.plan.source ?? '',
      preamble: file.plan.preamble ?? '',
      goalStatement: file.plan.goalStatement ?? '',
      baselineDate: file.plan.baselineDate,
      endDate: file.plan.endDate,
      dataVersion: file.dataVersion,
      contentHash: hash,
      // jsonb keeps no key order: the tiers' order as the file lists them is stored beside them.
      monitoring: { ...file.monitoring, tierOrder: Object.keys(file.monitoring.tiers) },
      safeguards: file.safeguards.map((s) => ({
        number: s.number,
        title: s.title,
        text: s.text,
        leadUnits: s.leadUnits.map(idOf),
        responsibleUnits: s.responsibleUnits.map(idOf),
      })),
    };
    let planId: string;
    if (existing) {
      planId = existing.id;
      await tx
        .update(plans)
        .set({ ...planValues, updatedAt: sql`now()` })
        .where(and(eq(plans.districtId, districtId), eq(plans.id, planId)));
    } else {
      const [inserted] = await tx.insert(plans).values(planValues).returning({ id: plans.id });
      planId = inserted!.id;
    }

    await tx
      .insert(planTargets)
      .values(
        file.targets.map((t, i) => ({
          districtId,
          planId,
          code: t.code,
          position: i,
          name: t.name,
          nameEn: t.nameEn,
          goal: String(t.goal),
          unit: t.unit,
          deadline: t.deadline,
          aim: t.aim,
          strive: t.strive,
          partOf: t.partOf ?? null,
          formula: t.formula,
          ownerTask: t.ownerTask ?? null,
          ownerUnitCodes: t.ownerUnits ?? null,
          quote: t.quote,
        })),
      )
      .onConflictDoUpdate({
        target: [planTargets.districtId, planTargets.planId, planTargets.code],
        set: {
          position: sql`excluded.position`,
          name: sql`excluded.name`,
          nameEn: sql`excluded.name_en`,
          goal: sql`excluded.goal`,
          unit: sql`excluded.unit`,
          deadline: sql`excluded.deadline`,
          aim: sql`excluded.aim`,
          strive: sql`excluded.strive`,
          partOf: sql`excluded.part_of`,
          formula: sql`excluded.formula`,
          ownerTask: sql`excluded.owner_task`,
          ownerUnitCodes: sql`excluded.owner_unit_codes`,
          quote: sql`excluded.quote`,
        },
      });

    await tx
      .delete(planSections)
      .where(and(eq(planSections.districtId, districtId), eq(planSections.planId, planId)));
    await tx.insert(planSections).values(file.sections.map((s) => ({ districtId, planId, ...s })));

    const taskIds = await tx
      .insert(planTasks)
      .values(
        file.tasks.map((t) => ({
          districtId,
          planId,
          number: t.number,
          section: t.section,
          title: t.title,
          titleEn: t.titleEn,
          text: t.text,
          responsibleLabel: t.responsibleLabel,
          unitsQuote: t.unitsQuote ?? '',
        })),
      )
      .onConflictDoUpdate({
        target: [planTasks.districtId, planTasks.planId, planTasks.number],
        set: {
          section: sql`excluded.section`,
          title: sql`excluded.title`,
          titleEn: sql`excluded.title_en`,
          text: sql`excluded.text`,
          responsibleLabel: sql`excluded.responsible_label`,
          unitsQuote: sql`excluded.units_quote`,
        },
      })
      .returning({ id: planTasks.id, number: planTasks.number });
    const taskIdByNumber = new Map(taskIds.map((t) => [t.number, t.id]));

    await tx.execute(
      sql`DELETE FROM plan_task_units WHERE district_id = ${districtId}
          AND task_id IN (SELECT id FROM plan_tasks WHERE district_id = ${districtId} AND plan_id = ${planId})`,
    );
    const assignments = file.tasks.flatMap((t) => [
      ...t.leadUnits.map((code, i) => ({
        districtId,
        taskId: taskIdByNumber.get(t.number)!,
        unitId: idOf(code),
        role: 'lead',
        position: i,
      })),
      ...t.responsibleUnits.map((code, i) => ({
        districtId,
        taskId: taskIdByNumber.get(t.number)!,
        unitId: idOf(code),
        role: 'responsible',
        position: i,
      })),
    ]);
    if (assignments.length) await tx.insert(planTaskUnits).values(assignments);

    await audit(tx, actorOf(districtId), {
      action: 'load',
      entity: 'plan',
      entityId: planId,
      before: existing ? { dataVersion: existing.dataVersion, contentHash: existing.contentHash } : null,
      after: {
        dataVersion: file.dataVersion,
        contentHash: hash,
        tasks: file.tasks.length,
        targets: file.targets.length,
      },
      note: file.plan.source,
    });
    return { districtId, planId, outcome: existing ? ('updated' as const) : ('created' as const) };
  });
}

export async function currentPlan(db: Queryable, districtId: string): Promise<PlanRow | undefined> {
  const found = await db
    .select()
    .from(plans)
    .where(eq(plans.districtId, districtId))
    .orderBy(asc(plans.createdAt))
    .limit(1);
  return found[0];
}

export async function planTargetsOf(db: Queryable, districtId: string, planId: string) {
  return db
    .select()
    .from(planTargets)
    .where(and(eq(planTargets.districtId, districtId), eq(planTargets.planId, planId)))
    .orderBy(asc(planTargets.position));
}

export async function planSectionsOf(db: Queryable, districtId: string, planId: string) {
  return db
    .select()
    .from(planSections)
    .where(and(eq(planSections.districtId, districtId), eq(planSections.planId, planId)))
    .orderBy(asc(planSections.number));
}

export async function planTasksOf(db: Queryable, districtId: string, planId: string) {
  return db
    .select()
    .from(planTasks)
    .where(and(eq(planTasks.districtId, districtId), eq(planTasks.planId, planId)))
    .orderBy(asc(planTasks.number));
}

/** Every (task, unit, role) of the district's plan, in the plan's order. */
export async function taskAssignments(db: Queryable, districtId: string) {
  return db
    .select({
      taskId: planTaskUnits.taskId,
      unitId: planTaskUnits.unitId,
      role: planTaskUnits.role,
      position: planTaskUnits.position,
    })
    .from(planTaskUnits)
    .where(eq(planTaskUnits.districtId, districtId))
    .orderBy(asc(planTaskUnits.role), asc(planTaskUnits.position));
}

/** Everything needed to answer plan and unit questions for one district, in four small queries. */
export async function loadPlanView(db: Queryable, districtId: string) {
  const plan = await currentPlan(db, districtId);
  if (!plan) return undefined;
  const [unitRows, taskRows, assignments, sections, targets, district] = await Promise.all([
    allUnitsOf(db, districtId),
    planTasksOf(db, districtId, plan.id),
    taskAssignments(db, districtId),
    planSectionsOf(db, districtId, plan.id),
    planTargetsOf(db, districtId, plan.id),
    db.select().from(districts).where(eq(districts.id, districtId)).limit(1),
  ]);
  return {
    plan,
    index: new PlanIndex(unitRows, taskRows, assignments),
    sections,
    targets,
    district: district[0]!,
  };
}

/** The plan's monitoring settings (deadline day, carry-forward, thresholds, tiers), parsed as the file declared them. */
export async function monitoringSettings(db: Queryable, districtId: string): Promise<MonitoringSettings> {
  const plan = await currentPlan(db, districtId);
  const raw = (plan?.monitoring ?? {}) as Partial<MonitoringSettings> & { tierOrder?: string[] };
  const order = raw.tierOrder ?? [];
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return {
    reportDeadlineDay: raw.reportDeadlineDay ?? 10,
    carryForwardMonths: raw.carryForwardMonths ?? 3,
    thresholds: raw.thresholds ?? { ahead: 1.05, onTrack: 0.95, behind: 0.75 },
    reportingRateDropAlert: raw.reportingRateDropAlert ?? 10,
    // Tiers stored by an older plan format (before rules) are skipped until the plan file is loaded again.
    tiers: Object.fromEntries(
      Object.entries(raw.tiers ?? {})
        .filter(([, t]) => t && typeof t === 'object' && 'rule' in t)
        .sort(([a], [b]) => rank(a) - rank(b)),
    ),
  };
}
