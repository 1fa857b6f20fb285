// 督查督办 and the assessment at a district's size: 22 tasks × 40 work items × 24 monthly progress reports, owned
// by the plan's units. The whole-district status computation (supervision's taskRollup and allItems, every item's
// colour from its standing report) and the ledger's first page, each beside a bare SQL read of the same rows; the
// year's scoring with the example scheme; the monthly bulletin's .docx generation time and size.
import { sql } from 'drizzle-orm';
import { rows } from '../src/platform/db/db.ts';
import { ensureAdmin, ensureDemo, loadPlanFromFile } from '../src/bootstrap.ts';
import { recompute } from '../src/modules/monitoring/monitoring.store.ts';
import { allItems, listItems, type ItemListQuery } from '../src/modules/supervision/supervision.store.ts';
import { taskRollup } from '../src/modules/supervision/supervision.views.ts';
import { scorePeriod, saveScheme } from '../src/modules/assessment/assessment.store.ts';
import { defaultScheme } from '../src/modules/assessment/assessment.scheme.ts';
import { bulletinDocx } from '../src/modules/assessment/assessment.bulletin.ts';
import { loadPlanView } from '../src/modules/plan/plan.store.ts';
import { systemActor } from '../src/platform/audit/audit.ts';
import type { Period } from '../src/platform/time/period.ts';
import path from 'node:path';
import { repoRoot } from '../src/platform/config.ts';
import { ms, ratio, time, withScratchPg } from './lib.ts';

const jiulongpoPlanFile = path.join(repoRoot, 'plans', 'jiulongpo-2027.yaml');
const NOW = new Date('2026-12-20T02:00:00Z');
const TASKS = 22;
const ITEMS_PER_TASK = 40;
const MONTHS = 24;
const UNITS = 60;

export async function benchSupervision(opts: { pgUrl: string }): Promise<string> {
  return withScratchPg(opts.pgUrl, 'bench_supervision', async (database) => {
    const db = database.db;
    const plan = await loadPlanFromFile(db, jiulongpoPlanFile);
    const districtId = plan.districtId;
    await ensureAdmin(db, districtId, 'bench-password-1');
    await ensureDemo(db, districtId, { enterprises: 500, now: NOW });
    await recompute(db, districtId, NOW);
    // 60 owning units: the plan's, and departments added up to that number.
    const [have] = await rows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM units WHERE district_id = ${districtId} AND kind NOT IN ('collective', 'office')`,
    );
    await db.execute(sql`
      INSERT INTO units (district_id, code, name, name_en, kind, position)
      SELECT ${districtId}, 'bench-unit-' || k, '测试单位' || k, 'Bench unit ' || k, 'department', 1000 + k
      FROM generate_series(1, ${Math.max(0, UNITS - have!.n)}) AS k`);
    const view = (await loadPlanView(db, districtId))!;
    const owners = view.index.units.filter((u) => u.kind !== 'collective' && u.kind !== 'office');
    const tasks = [...view.index.tasks].sort((a, b) => a.number - b.number).slice(0, TASKS);
    // Items: a third due mid-2026 (past due by now: red or overdue), the rest at the end of 2026.
    const t0 = performance.now();
    await db.execute(sql`
      INSERT INTO supervision_items (district_id, number, task_id, title, owner_unit_id, start_date, due_date, kind,
                                     source, created_by)
      SELECT ${districtId}, (t.ord - 1) * ${ITEMS_PER_TASK} + k, t.id, '举措 ' || t.ord || '-' || k,
             (${sql.raw(`ARRAY[${owners.map((o) => `'${o.id}'`).join(',')}]`)}::uuid[])[1 + ((t.ord * 7 + k) % ${owners.length})],
             DATE '2025-01-01', CASE WHEN k % 3 = 0 THEN DATE '2026-06-30' ELSE DATE '2026-12-31' END,
             'milestone', 'task', 'bench'
      FROM unnest(${sql.raw(`ARRAY[${tasks.map((t) => `'${t.id}'`).join(',')}]`)}::uuid[]) WITH ORDINALITY AS t(id, ord)
      CROSS JOIN generate_series(1, ${ITEMS_PER_TASK}) AS k`);
    await db.execute(sql`
      INSERT INTO supervision_reports (district_id, item_id, period, version, progress, percent, state,
                                       submitted_by_label, submitted_at)
      SELECT i.district_id, i.id, to_char(m, 'YYYY-MM'), 1, '本月推进情况',
             GREATEST(0, LEAST(100, (n * 100 / ${MONTHS}) - (abs(hashtext(i.id::text)) % 25)))::int,
             CASE WHEN abs(hashtext(i.id::text || n::text)) % 20 = 0 THEN 'returned' ELSE 'submitted' END,
             'bench', m + interval '1 month' + (abs(hashtext(i.id::text || m::text)) % 12) * interval '1 day'
      FROM supervision_items i
      CROSS JOIN generate_series(1, ${MONTHS}) AS n
      CROSS JOIN LATERAL (SELECT DATE '2025-01-01' + (n - 1) * interval '1 month' AS m) mm
      WHERE i.district_id = ${districtId}`);
    await db.execute(sql`ANALYZE`);
    const loadS = (performance.now() - t0) / 1000;
    const [counts] = await rows<{ items: number; reports: number }>(
      db,
      sql`SELECT (SELECT count(*)::int FROM supervision_items) AS items, (SELECT count(*)::int FROM supervision_reports) AS reports`,
    );

    // The bare read of the same rows: every item with its standing report (newest period not returned).
    const bare = (limit?: number) =>
      db.execute(sql`
        SELECT i.*, s.period, s.percent FROM supervision_items i
        LEFT JOIN LATERAL (
          SELECT cv.period, cv.percent FROM (
            SELECT DISTINCT ON (r.period) r.period, r.percent, r.state FROM supervision_reports r
            WHERE r.district_id = i.district_id AND r.item_id = i.id ORDER BY r.period DESC, r.version DESC) cv
          WHERE cv.state <> 'returned' ORDER BY cv.period DESC LIMIT 1) s ON TRUE
        WHERE i.district_id = ${districtId} ORDER BY i.number ${limit ? sql`LIMIT ${limit}` : sql``}`);
    const query = { page: 1, pageSize: 50 } as ItemListQuery;
    const rollupT = await time(() => taskRollup(db, districtId, NOW), 15, 2);
    const itemsT = await time(() => allItems(db, districtId, { all: true }, NOW), 15, 2);
    const bareAll = await time(() => bare(), 15, 2);
    const pageT = await time(() => listItems(db, districtId, { all: true }, query, NOW, () => true), 30, 3);
    const barePage = await time(() => bare(50), 30, 3);

    const scheme = await saveScheme(
      db,
      systemActor(districtId),
      2026,
      defaultScheme(2026, {
        targets: view.targets.map((t) => ({ code: t.code, name: t.name })),
        tasks: view.index.tasks.map((t) => ({ number: t.number, title: t.title })),
      }),
      NOW,
    );
    const scoreT = await time(() => scorePeriod(db, districtId, scheme, '2026', NOW), 5, 1);
    let size = 0;
    const docT = await time(
      async () => (size = (await bulletinDocx(db, districtId, '2026-11' as Period, NOW)).length),
      5,
      1,
    );

    const row = (what: string, t: { p50: number; p99: number }, floor?: { p50: number }) =>
      `| ${what} | ${ms(t.p50)} ms | ${ms(t.p99)} ms | ${floor ? `${ms(floor.p50)} ms` : '—'} | ${floor ? ratio(t.p50, floor.p50) : '—'} |`;
    return [
      `PostgreSQL server; ${tasks.length} tasks × ${ITEMS_PER_TASK} work items = ${counts!.items.toLocaleString('en')} items, ` +
        `× ${MONTHS} monthly progress reports = ${counts!.reports.toLocaleString('en')} report versions (1 in 20 returned), ` +
        `owned by ${owners.length} units (the plan's units but the office and collectives, and departments added to make 60); 500 demo enterprises, one ` +
        `monitoring recompute for the snapshots. Seeding took ${loadS.toFixed(1)} s. As of ${NOW.toISOString().slice(0, 10)}.`,
      '',
      '| the ledger (工作台账) and status | p50 | p99 | bare SQL of the same rows (p50) | ratio |',
      '| --- | --- | --- | --- | --- |',
      row('whole-district status: taskRollup (22 tasks from every item)', rollupT, bareAll),
      row('whole-district status: allItems (every item with its colour)', itemsT, bareAll),
      row('ledger page (listItems, page 1 of 50)', pageT, barePage),
      row('annual scoring, example scheme (scorePeriod 2026, every unit)', scoreT),
      row(`monthly bulletin .docx (2026-11), ${(size / 1024).toFixed(1)} KiB`, docT),
      '',
      'The ledger page computes every item in reach before it filters by colour and pages (the colour is computed, not ' +
        'stored), so it costs about as much as the whole-district read; the bare SQL reads the same rows and standing ' +
        'reports without computing a status. The bulletin reads the roll-up and the items once each and scores the month.',
    ].join('\n');
  });
}
