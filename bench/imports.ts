// Spreadsheet readers measured on the same files (correctness first, then time and peak memory), and the server's
// memory before and after 100 imports (issue 17). Each measurement runs in its own process (bench/import-child.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { repoRoot } from '../src/platform/config.ts';
import { readSpreadsheet } from '../src/platform/files/spreadsheet.ts';
import { makeOrgCode, makeUscc } from '../src/modules/enterprises/uscc.ts';
import { ms } from './lib.ts';

const header = [
  '统一社会信用代码',
  '企业名称',
  '从业人员（人）',
  '核心软信人才（人）',
  '营业收入（万元）',
  '软件业务收入（万元）',
  '软件产品收入（万元）',
  '研发投入（万元）',
  '使用面积（平方米）',
];

/** A month's report file of `rows` rows, as ExcelJS writes it (shared strings), with formula cells every 10th row. */
async function reportFile(file: string, rows: number) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('2026-09 月度填报');
  ws.addRow(header).commit();
  for (let i = 0; i < rows; i++) {
    const uscc = makeUscc(`91500107${makeOrgCode(`MA${String(i).padStart(6, '0')}`)}`);
    const rd = i % 10 === 0 ? { formula: 'E2*0', result: 0 } : 5;
    ws.addRow([uscc, `企业${i}`, 30, 5, 100.1234, 80, 10, rd, 300]).commit();
  }
  ws.commit();
  await wb.commit();
}

const child = (args: string[]) =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/import-child.ts', ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    })
      .trim()
      .split('\n')
      .pop()!,
  ) as Record<string, number> & { before: Record<string, number>; after: Record<string, number> };

/** What each reader gives for the fixture's formula cells: a cached 0, a #DIV/0!, a formula without a result. */
async function correctness(): Promise<string[]> {
  const dir = path.join(repoRoot, 'test/fixtures/sheets');
  const zero = path.join(dir, 'reports-formulas-zero.xlsx');
  const errs = path.join(dir, 'reports-formulas-errors.xlsx');
  const show = (v: unknown) => (v === undefined || v === null || v === '' ? '(empty)' : JSON.stringify(v));
  // ExcelJS streaming: the value of D2 (=C2-C2, cached 0), G3 (#DIV/0!) and H3 (no cached value).
  const exceljs = async (f: string, col: number, row: number) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookReader(f, { sharedStrings: 'cache', worksheets: 'emit' });
    for await (const ws of wb)
      for await (const r of ws)
        if (r.number === row)
          return show((r.getCell(col).value as { result?: unknown })?.result ?? r.getCell(col).value);
    return '(empty)';
  };
  const sheetjs = (f: string, ref: string) => {
    const wb = XLSX.read(fs.readFileSync(f));
    const c = wb.Sheets[wb.SheetNames[0]!]![ref] as { v?: unknown; w?: string; t?: string } | undefined;
    return c?.t === 'e' ? `error ${c.w}` : show(c?.v);
  };
  const own = async (f: string, col: number, row: number) => {
    for await (const r of readSpreadsheet({ path: f, filename: 'x.xlsx' }, { maxRows: 10 })) {
      if (r.row !== row) continue;
      const p = r.problems?.find((x) => x.col === col - 1);
      return p ? `error: ${p.reason}` : show(r.cells[col - 1]);
    }
    return '(empty)';
  };
  return [
    `| cached 0 (=C2-C2) | ${await exceljs(zero, 4, 2)} | ${sheetjs(zero, 'D2')} | ${await own(zero, 4, 2)} |`,
    `| #DIV/0! | ${await exceljs(errs, 7, 2)} | ${sheetjs(errs, 'G2')} | ${await own(errs, 7, 2)} |`,
    `| formula, no cached value | ${await exceljs(errs, 8, 3)} | ${sheetjs(errs, 'H3')} | ${await own(errs, 8, 3)} |`,
  ];
}

export async function benchImports(opts = { rows: 100_000, imports: 100 }): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-bench-imports-'));
  try {
    const big = path.join(dir, 'big.xlsx');
    const small = path.join(dir, 'small.xlsx');
    await reportFile(big, opts.rows);
    await reportFile(small, 2000);
    const lines = [
      `### Readers on the same files`,
      '',
      'Correctness on the fixture files (test/fixtures/sheets/reports-formulas-*.xlsx):',
      '',
      '| cell | ExcelJS streaming | SheetJS (@e965/xlsx) | own streaming reader |',
      '| --- | --- | --- | --- |',
      ...(await correctness()),
      '',
      `A month's report of ${opts.rows.toLocaleString('en')} rows × 9 columns (${(fs.statSync(big).size / 1024 / 1024).toFixed(1)} MiB .xlsx), read start to end, each in its own process:`,
      '',
      '| reader | rows | time | peak RSS |',
      '| --- | --- | --- | --- |',
    ];
    for (const name of ['exceljs', 'sheetjs', 'own']) {
      const r = child(['reader', name, big]);
      lines.push(`| ${name} | ${r.rows} | ${ms(r.ms!)} ms | ${r.maxRssMiB!.toFixed(0)} MiB |`);
    }
    const m = child(['imports', String(opts.imports), small]);
    lines.push(
      '',
      `### Memory over ${opts.imports} imports`,
      '',
      `${opts.imports} report imports (preview, 2,000 rows each) through POST /api/reports/import on PGlite, after one warm-up import; measured after a full GC.`,
      '',
      '| | RSS | JS heap | external (PGlite’s WASM memory, buffers) | open files |',
      '| --- | --- | --- | --- | --- |',
      `| before | ${m.before.rss!.toFixed(0)} MiB | ${m.before.heap!.toFixed(0)} MiB | ${m.before.external!.toFixed(0)} MiB | ${m.before.fds} |`,
      `| after ${opts.imports} | ${m.after.rss!.toFixed(0)} MiB | ${m.after.heap!.toFixed(0)} MiB | ${m.after.external!.toFixed(0)} MiB | ${m.after.fds} |`,
    );
    return lines.join('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
