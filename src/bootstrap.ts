// First-start work: load the plan file, create the first administrator, and load the demo district.
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Db } from './platform/db/db.ts';
import { districts } from './platform/district.schema.ts';
import { countAccounts, seedAccount } from './platform/auth/accounts.store.ts';
import { generatePassword, hashPassword } from './platform/auth/password.ts';
import { audit, systemActor } from './platform/audit/audit.ts';
import { parsePlanFile } from './modules/plan/plan-file.ts';
import { loadPlanFile, monitoringSettings, type LoadResult } from './modules/plan/plan.store.ts';
import { allUnits } from './modules/units/units.store.ts';
import { bulkInsertRegistry, countEnterprises } from './modules/enterprises/enterprises.store.ts';
import { generateDemoDistrict } from './modules/demo/demo.ts';
import { demoSubmittedAt, iterateReports, settlementOf } from './modules/demo/reports.ts';
import { bulkInsertReports } from './modules/reports/reports.store.ts';
import { lastClosedMonth, lastComputedAt, recompute } from './modules/monitoring/monitoring.store.ts';
import { tierRun, tiersDigest } from './modules/policies/tiers.store.ts';
import { parsePolicyFile } from './modules/policies/policy-file.ts';
import { createPolicy, listPolicies } from './modules/policies/policies.store.ts';
import { evaluatePolicies, policyPeriod } from './modules/policies/evaluation.store.ts';
import { enterpriseIdsByUscc, firstActiveEnterpriseIn } from './modules/enterprises/enterprises.sql.ts';
import { ensureOperator } from './modules/space/space.store.ts';

/** The demo district's registry is generated as of this day, so every machine gets the same one. */
export const DEMO_AS_OF = '2026-10-31';
export const DEMO_SEED = 2027;
/** Shared by the demo accounts (not the administrator): they exist only when the demo is loaded. */
export const DEMO_PASSWORD = 'mantianxing-demo';
/** The demo district's carrier operator: the demo account `operator` acts for it. */
export const DEMO_OPERATOR = {
  name: '重庆渝高创新空间运营管理有限公司',
  uscc: null,
  contactPerson: '周敏',
  contactPhone: '023-68600000',
};

export async function loadPlanFromFile(db: Db, file: string): Promise<LoadResult> {
  const text = fs.readFileSync(file, 'utf8');
  const plan = parsePlanFile(text);
  const result = await loadPlanFile(db, plan, text, systemActor);
  const [anyDefault] = await db
    .select({ id: districts.id })
    .from(districts)
    .where(eq(districts.isDefault, true))
    .limit(1);
  if (!anyDefault)
    await db.update(districts).set({ isDefault: true }).where(eq(districts.id, result.districtId));
  return result;
}

/** Creates the administrator when the district has no account yet; returns the password only if it generated one. */
export async function ensureAdmin(db: Db, districtId: string, password: string | undefined) {
  if ((await countAccounts(db, districtId)) > 0) return undefined;
  const plain = password ?? generatePassword();
  await seedAccount(db, districtId, {
    username: 'admin',
    displayName: '计划办管理员',
    passwordHash: await hashPassword(plain),
    role: 'admin',
    unitId: null,
    enterpriseId: null,
  });
  return { username: 'admin', password: plain, generated: password === undefined };
}

export interface DemoOptions {
  enterprises: number;
  seed?: number;
  /** Monthly reports are generated up to the last closed month before this day (default: today). */
  now?: Date;
  /** Generate monthly reports (default true). */
  reports?: boolean;
}

/** Reports start 23 months before the plan's baseline, so trailing-year flows exist from the baseline on. */
export const DEMO_REPORTS_FROM = '2024-01';

/** Generates the demo registry and one demo account per role, unless the district already has enterprises. */
export async function ensureDemo(db: Db, districtId: string, opts: DemoOptions) {
  if ((await countEnterprises(db, districtId)) > 0) return undefined;
  const unitRows = await allUnits(db, districtId);
  const subdistricts = unitRows.filter((u) => u.kind === 'subdistrict');
  if (!subdistricts.length) return undefined;
  const idByCode = new Map(subdistricts.map((s) => [s.code, s.id]));
  const demo = generateDemoDistrict({
    seed: opts.seed ?? DEMO_SEED,
    enterprises: opts.enterprises,
    subdistricts: subdistricts.map((s) => ({
      code: s.code,
      name: s.name,
      subkind: (s.subkind ?? 'street') as 'street' | 'town',
    })),
    asOf: DEMO_AS_OF,
  });
  const loaded = await db.transaction(async (tx) => {
    const result = await bulkInsertRegistry(
      tx,
      districtId,
      demo.buildings.map((b) => ({
        code: b.code,
        name: b.name,
        kind: b.kind,
        subdistrictId: idByCode.get(b.subdistrictCode)!,
        address: b.address,
        totalArea: b.totalArea,
      })),
      function* (buildingIds) {
        for (const [i, e] of demo.enterprises.entries()) {
          const settlement = settlementOf(e, i, opts.seed ?? DEMO_SEED, DEMO_AS_OF);
          yield {
            uscc: e.uscc,
            name: e.name,
            registrationDate: e.registrationDate,
            subdistrictId: idByCode.get(e.subdistrictCode)!,
            buildingId: e.buildingCode ? (buildingIds.get(e.buildingCode) ?? null) : null,
            address: e.address,
            fields: e.fields,
            aboveScale: e.aboveScale,
            status: e.status,
            settledOn: settlement.settledOn,
            leftOn: settlement.leftOn,
            contactPerson: e.contact.person,
            contactPhone: e.contact.phone,
            honours: e.honours,
          };
        }
      },
    );
    let reportCount = 0;
    if (opts.reports !== false) {
      const idByUscc = await enterpriseIdsByUscc(tx, districtId);
      const now = opts.now ?? new Date();
      const last = lastClosedMonth(now);
      const to = last > DEMO_AS_OF.slice(0, 7) ? last : DEMO_AS_OF.slice(0, 7);
      reportCount = await bulkInsertReports(
        tx,
        districtId,
        (function* () {
          for (const r of iterateReports(demo.enterprises, {
            seed: opts.seed ?? DEMO_SEED,
            from: DEMO_REPORTS_FROM,
            to,
            asOf: DEMO_AS_OF,
          })) {
            const submittedAt = demoSubmittedAt(r);
            // History never lies in the future: on the 3rd, the reports due by the 10th are only partly in.
            if (submittedAt.getTime() > now.getTime()) continue;
            yield { ...r, enterpriseId: idByUscc.get(r.uscc)!, submittedAt };
          }
        })(),
        'demo',
      );
    }
    await audit(tx, systemActor(districtId), {
      action: 'load',
      entity: 'demo',
      entityId: districtId,
      after: { ...result, reports: reportCount, seed: opts.seed ?? DEMO_SEED, asOf: DEMO_AS_OF },
      note: 'generated demo district',
    });
    return { ...result, reports: reportCount };
  });
  const accounts = await ensureDemoAccounts(db, districtId);
  return { ...loaded, accounts };
}

export interface DemoAccount {
  username: string;
  role: string;
  displayName: string;
  boundTo: string | null;
}

async function ensureDemoAccounts(db: Db, districtId: string): Promise<DemoAccount[]> {
  const unitRows = await allUnits(db, districtId);
  const jxw =
    unitRows.find((u) => u.kind === 'department' && u.name === '区经济信息委') ??
    unitRows.find((u) => u.kind === 'department');
  const sub = unitRows.find((u) => u.name === '石桥铺街道') ?? unitRows.find((u) => u.kind === 'subdistrict');
  const firm = await firstActiveEnterpriseIn(db, districtId, sub!.id);
  // The demo's carrier operator (专业运营机构): it keeps the buildings the demo gives it (docs/space-talent.md).
  const operator = await ensureOperator(db, systemActor(districtId), DEMO_OPERATOR);
  const wanted = [
    {
      username: 'dept',
      displayName: '区经济信息委 演示用户',
      role: 'department' as const,
      unitId: jxw?.id ?? null,
      enterpriseId: null,
      boundTo: jxw?.name ?? null,
    },
    {
      username: 'street',
      displayName: `${sub?.name ?? '镇街'} 演示用户`,
      role: 'subdistrict' as const,
      unitId: sub?.id ?? null,
      enterpriseId: null,
      boundTo: sub?.name ?? null,
    },
    {
      username: 'firm',
      displayName: '企业演示用户',
      role: 'enterprise' as const,
      unitId: null,
      enterpriseId: firm?.id ?? null,
      boundTo: firm?.name ?? null,
    },
    {
      username: 'operator',
      displayName: '楼宇运营演示用户',
      role: 'operator' as const,
      unitId: null,
      enterpriseId: null,
      operatorId: operator.id,
      boundTo: operator.name,
    },
  ];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const made: DemoAccount[] = [];
  for (const w of wanted) {
    const id = await seedAccount(db, districtId, { ...w, passwordHash });
    if (!id) continue;
    made.push({ username: w.username, role: w.role, displayName: w.displayName, boundTo: w.boundTo });
  }
  return made;
}

/** The policy file that goes with a plan file: `plans/x.yaml` → `plans/x.policies.yaml`, if there is one. */
export const policyFileFor = (planFile: string) => planFile.replace(/\.ya?ml$/, '') + '.policies.yaml';

/**
 * Loads the plan's example policies once, into a district that has none yet; later edits in the web app are the
 * district's own and are never overwritten.
 */
export async function ensureExamplePolicies(db: Db, districtId: string, file: string): Promise<number> {
  if (!fs.existsSync(file)) return 0;
  if ((await listPolicies(db, districtId)).length > 0) return 0;
  const parsed = parsePolicyFile(fs.readFileSync(file, 'utf8'), file);
  const actor = systemActor(districtId);
  for (const p of parsed.policies)
    await createPolicy(db, actor, {
      code: p.code,
      definition: p.definition,
      status: p.status,
      note: `loaded from ${file}`,
    });
  return parsed.policies.length;
}

// ---------------------------------------------------------------------------------------------------------------
// First computation (moved from cli.ts, so the command line names no module)

/**
 * The first start computes at once, so the dashboard is not empty until the nightly job; so does a start after the
 * plan's tier rules changed. Active policies never evaluated at their version are evaluated too. The recompute
 * publishes `monitoring.recomputed`, whose subscribers (alerts, policies) the job runner serves once it starts.
 */
export async function ensureComputed(db: Db, districtId: string, now: Date): Promise<void> {
  const settings = await monitoringSettings(db, districtId);
  const tiers = await tierRun(db, districtId);
  if (!(await lastComputedAt(db, districtId)) || tiers?.digest !== tiersDigest(settings.tiers))
    await recompute(db, districtId, now);
  if (
    (await listPolicies(db, districtId, 'active')).some(
      (p) => !p.evaluation || p.evaluation.version !== p.version,
    )
  )
    await evaluatePolicies(db, districtId, await policyPeriod(db, districtId, now));
}
