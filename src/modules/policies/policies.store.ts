// The only SQL on policies and their versions: the definitions (checked against the district), every saved version,
// status changes; and what other modules read of them (policyVersionsSql). Evaluation is evaluation.store.ts,
// results and explanations results.store.ts, tiers tiers.store.ts.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { rows, type Db, type Queryable } from '../../platform/db/db.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { monitoringSettings } from '../plan/plan.store.ts';
import type { PolicySummary, Policy } from './policies.contract.ts';
import { policies, policyVersions } from './policies.schema.ts';
import { checkDefinition, policyDefinitionSchema, type PolicyDefinition } from './rules.ts';
import { compileContext } from './context.store.ts';

/** Validates a definition against the district (units, codes, tiers); throws a 400 with the path of every fault. */
export async function checkPolicyDefinition(
  db: Queryable,
  districtId: string,
  def: PolicyDefinition,
  prefix = 'definition',
): Promise<void> {
  const [ctx, settings] = await Promise.all([
    compileContext(db, districtId),
    monitoringSettings(db, districtId),
  ]);
  const errors = checkDefinition(def, {
    subdistrictCodes: ctx.names.subdistrictCodes,
    buildingCodes: ctx.names.buildingCodes,
    tierCodes: new Set(Object.keys(settings.tiers)),
    allowTiers: true,
  });
  if (errors.length)
    throw new AppError(
      'VALIDATION',
      errors[0]!.message,
      errors.map((e) => ({ path: prefix ? `${prefix}.${e.path}` : e.path, message: e.message })),
    );
}

export interface PolicyRow {
  id: string;
  code: string;
  status: string;
  version: number;
  updated_at: string;
  definition: unknown;
  ev_version: number | null;
  ev_period: string | null;
  evaluated_at: string | null;
  enterprises: number | null;
  eligible: number | null;
  near_misses: number | null;
  total_amount: string | null;
  duration_ms: number | null;
}

export const policyRowsSql = (districtId: string, where = sql``) => sql`
  SELECT p.id::text, p.code, p.status, p.version, p.updated_at::text, v.definition,
         e.version AS ev_version, to_char(e.period, 'YYYY-MM') AS ev_period, e.evaluated_at::text,
         e.enterprises, e.eligible, e.near_misses, e.total_amount::text, e.duration_ms
  FROM policies p
  JOIN policy_versions v ON v.district_id = p.district_id AND v.policy_id = p.id AND v.version = p.version
  LEFT JOIN policy_evaluations e ON e.district_id = p.district_id AND e.policy_id = p.id
  WHERE p.district_id = ${districtId} ${where}
  ORDER BY p.created_at, p.code`;

export const definitionOf = (raw: unknown): PolicyDefinition => policyDefinitionSchema.parse(raw);

function summaryOfRow(r: PolicyRow): PolicySummary {
  const d = definitionOf(r.definition);
  return {
    id: r.id,
    code: r.code,
    status: r.status as PolicySummary['status'],
    version: r.version,
    name: d.name,
    nameEn: d.nameEn,
    summary: d.summary,
    source: d.source,
    example: d.example,
    hasBenefit: d.benefit !== null,
    updatedAt: r.updated_at,
    evaluation:
      r.ev_version === null
        ? null
        : {
            version: r.ev_version,
            period: r.ev_period!,
            evaluatedAt: r.evaluated_at!,
            enterprises: r.enterprises!,
            eligible: r.eligible!,
            nearMisses: r.near_misses!,
            totalAmount: Number(r.total_amount),
            durationMs: r.duration_ms!,
          },
  };
}

export async function listPolicies(
  db: Queryable,
  districtId: string,
  status?: string,
): Promise<PolicySummary[]> {
  const list = await rows<PolicyRow>(
    db,
    policyRowsSql(districtId, status ? sql`AND p.status = ${status}` : sql``),
  );
  return list.map(summaryOfRow);
}

export async function getPolicy(
  db: Queryable,
  districtId: string,
  id: string,
  version?: number,
): Promise<Policy> {
  const [r] = await rows<PolicyRow>(db, policyRowsSql(districtId, sql`AND p.id = ${id}`));
  if (!r) throw notFound('政策');
  const versions = await db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.districtId, districtId), eq(policyVersions.policyId, id)))
    .orderBy(desc(policyVersions.version));
  const chosen = version === undefined ? undefined : versions.find((v) => v.version === version);
  if (version !== undefined && !chosen) throw notFound('政策版本');
  return {
    ...summaryOfRow(r),
    definition: definitionOf(chosen ? chosen.definition : r.definition),
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: new Date(v.createdAt).toISOString(),
      createdBy: v.createdBy,
      note: v.note,
    })),
  };
}

export async function definitionAt(db: Queryable, districtId: string, policyId: string, version: number) {
  const [v] = await db
    .select()
    .from(policyVersions)
    .where(
      and(
        eq(policyVersions.districtId, districtId),
        eq(policyVersions.policyId, policyId),
        eq(policyVersions.version, version),
      ),
    );
  if (!v) throw notFound('政策版本');
  return definitionOf(v.definition);
}

export async function createPolicy(
  db: Db,
  actor: Actor,
  input: { code: string; definition: PolicyDefinition; status: string; note: string },
): Promise<string> {
  await checkPolicyDefinition(db, actor.districtId, input.definition);
  return db.transaction(async (tx) => {
    const [exists] = await tx
      .select({ id: policies.id })
      .from(policies)
      .where(and(eq(policies.districtId, actor.districtId), eq(policies.code, input.code)));
    if (exists)
      throw new AppError('CONFLICT', `政策代码“${input.code}”已存在`, [
        { path: 'code', message: '政策代码已存在' },
      ]);
    const [p] = await tx
      .insert(policies)
      .values({ districtId: actor.districtId, code: input.code, status: input.status, version: 1 })
      .returning({ id: policies.id });
    await tx.insert(policyVersions).values({
      districtId: actor.districtId,
      policyId: p!.id,
      version: 1,
      definition: input.definition,
      note: input.note,
      createdBy: actor.label,
    });
    await audit(tx, actor, {
      action: 'create',
      entity: 'policy',
      entityId: p!.id,
      after: { code: input.code, status: input.status, version: 1, definition: input.definition },
    });
    return p!.id;
  });
}

/** The policy row, locked for a change. */
async function lockPolicy(tx: Queryable, districtId: string, id: string) {
  const [p] = await tx
    .select()
    .from(policies)
    .where(and(eq(policies.districtId, districtId), eq(policies.id, id)))
    .for('update');
  if (!p) throw notFound('政策');
  return p;
}

const setPolicy = (
  tx: Queryable,
  districtId: string,
  id: string,
  values: { version?: number; status?: string },
) =>
  tx
    .update(policies)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(policies.districtId, districtId), eq(policies.id, id)));

/** Saves a definition as the next version. */
export async function updatePolicy(
  db: Db,
  actor: Actor,
  id: string,
  definition: PolicyDefinition,
  note: string,
) {
  await checkPolicyDefinition(db, actor.districtId, definition);
  await db.transaction(async (tx) => {
    const p = await lockPolicy(tx, actor.districtId, id);
    const before = await definitionAt(tx, actor.districtId, id, p.version);
    const version = p.version + 1;
    await tx.insert(policyVersions).values({
      districtId: actor.districtId,
      policyId: id,
      version,
      definition,
      note,
      createdBy: actor.label,
    });
    await setPolicy(tx, actor.districtId, id, { version });
    await audit(tx, actor, {
      action: 'update',
      entity: 'policy',
      entityId: id,
      before: { version: p.version, definition: before },
      after: { version, definition },
      note,
    });
  });
}

export async function setPolicyStatus(db: Db, actor: Actor, id: string, status: string) {
  await db.transaction(async (tx) => {
    const p = await lockPolicy(tx, actor.districtId, id);
    if (p.status === status) return;
    await setPolicy(tx, actor.districtId, id, { status });
    await audit(tx, actor, {
      action: 'update',
      entity: 'policy',
      entityId: id,
      before: { status: p.status },
      after: { status },
    });
  });
}

/**
 * Rows (policy_id, version, code, definition): every saved version of the district's policies with its policy's
 * code, to join on (policy_id, version) — what grant batches show of the version they were run under.
 */
export const policyVersionsSql = (districtId: string): SQL =>
  sql`SELECT v.policy_id, v.version, p.code, v.definition FROM ${policyVersions} v
      JOIN ${policies} p ON p.district_id = v.district_id AND p.id = v.policy_id
      WHERE v.district_id = ${districtId}`;
