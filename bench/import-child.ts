// The import benchmark's measured processes (bench/imports.ts runs each in its own process, for a clean RSS):
//   reader <exceljs|sheetjs|own> <file>   one reader over one file: rows, milliseconds, peak RSS
//   imports <n> <file>                     n report imports through the real route: RSS and heap before and after
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { readSpreadsheet } from '../src/platform/files/spreadsheet.ts';
import { ADMIN_PASSWORD, signedIn, startPlatform, upload } from '../test/harness.ts';

const MiB = 1024 * 1024;
const [mode, arg, file] = process.argv.slice(2);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function reader(name: string, path: string) {
  const t = performance.now();
  let rows = 0;
  let sum = 0;
  if (name === 'exceljs') {
    const wb = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      sharedStrings: 'cache',
      styles: 'cache',
      worksheets: 'emit',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const ws of wb) {
      for await (const row of ws) {
        rows++;
        sum += (row.values as unknown[]).length;
      }
      break;
    }
  } else if (name === 'sheetjs') {
    const wb = XLSX.read(fs.readFileSync(path), { type: 'buffer', dense: true });
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    for (const row of (ws as unknown as { '!data': unknown[][] })['!data']) {
      rows++;
      sum += row?.length ?? 0;
    }
  } else {
    for await (const row of readSpreadsheet({ path, filename: 'x.xlsx' }, { maxRows: 500_000 })) {
      rows++;
      sum += row.cells.length;
    }
  }
  const ms = performance.now() - t;
  return { rows, cells: sum, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
}

async function imports(n: number, path: string) {
  const p = await startPlatform({ demoEnterprises: 0, now: () => new Date('2026-11-20T00:00:00Z') });
  const admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  const content = fs.readFileSync(path);
  const run = async () => {
    const res = await upload(
      p.app,
      admin,
      '/api/reports/import?period=2026-09&preview=true',
      'r.xlsx',
      content,
    );
    if (res.statusCode !== 422 && res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  };
  // One import first: code loaded, caches warm, the database's own buffers at their working size.
  await run();
  gc();
  const mem = () => ({
    rss: process.memoryUsage().rss / MiB,
    heap: process.memoryUsage().heapUsed / MiB,
    external: process.memoryUsage().external / MiB,
    fds: fs.existsSync('/proc/self/fd') ? fs.readdirSync('/proc/self/fd').length : -1,
  });
  const before = mem();
  for (let i = 0; i < n; i++) await run();
  gc();
  await new Promise((r) => setTimeout(r, 1000));
  gc();
  const after = mem();
  await p.close();
  return { before, after };
}

const out = mode === 'reader' ? await reader(arg!, file!) : await imports(Number(arg), file!);
console.log(JSON.stringify(out));
process.exit(0);
