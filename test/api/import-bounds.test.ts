// Imports under attack: zip bombs, a lying zip directory, too many rows, many at once — a clear 413, never a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signedIn, startPlatform, upload, type Client, type Platform } from '../harness.ts';
import { bombSheet, buildZip, rowsXml, workbookEntries } from '../xlsx-build.ts';
import { MAX_INFLATED_BYTES } from '../../src/platform/files/spreadsheet.ts';

let p: Platform;
let admin: Client;
/** 1 GiB of repeated cells in a ~3 MiB upload, as in the issue. */
let bomb: Buffer;
/** The same sheet, its directory claiming 64 KiB. */
let liar: Buffer;

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 20 });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  bomb = await buildZip(workbookEntries(bombSheet(1024)));
  liar = await buildZip(workbookEntries(bombSheet(1024), 64 * 1024));
}, 120_000);
afterAll(() => p?.close());

const heap = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const MiB = 1024 * 1024;

describe('zip bombs', () => {
  it('refuses a bomb on both imports with 413 PAYLOAD_TOO_LARGE, without the heap growing', async () => {
    expect(bomb.length).toBeLessThan(5 * MiB);
    for (const url of ['/api/enterprises/import', '/api/reports/import?period=2026-09']) {
      const before = heap();
      const res = await upload(p.app, admin, url, 'bomb.xlsx', bomb);
      const grown = heap() - before;
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
      expect(res.json().message).toContain(`${MAX_INFLATED_BYTES / MiB} MiB`);
      expect(grown).toBeLessThan(100 * MiB);
    }
  });

  it('counts the bytes it actually inflates: a directory that understates the size is caught', async () => {
    for (const url of ['/api/enterprises/import', '/api/reports/import?period=2026-09']) {
      const before = heap();
      const res = await upload(p.app, admin, url, 'liar.xlsx', liar);
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
      expect(res.json().message).toContain('目录');
      expect(heap() - before).toBeLessThan(100 * MiB);
    }
  });

  it('still answers after six bombs at once, each refused with 413 or 503, none with 500', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        upload(
          p.app,
          admin,
          i % 2 ? '/api/enterprises/import' : '/api/reports/import?period=2026-09',
          'bomb.xlsx',
          i % 3 ? bomb : liar,
        ),
      ),
    );
    for (const r of results) {
      expect([413, 503]).toContain(r.statusCode);
      if (r.statusCode === 503) expect(r.headers['retry-after']).toBeDefined();
    }
    expect((await admin.get('/api/enterprises?pageSize=1')).statusCode).toBe(200);
  });
});

describe('row and cell counts', () => {
  it('refuses an enterprise sheet of more than 200,000 rows with 413, writing nothing', async () => {
    const total = (await admin.get('/api/enterprises?pageSize=1')).json().total;
    const rows = [['统一社会信用代码', '企业名称', '注册日期', '所属镇街']];
    for (let i = 0; i < 200_001; i++) rows.push(['x', 'y', '2020-01-01', 'z']);
    const file = await buildZip(workbookEntries(rowsXml(rows)));
    const res = await upload(p.app, admin, '/api/enterprises/import', 'rows.xlsx', file);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(res.json().message).toContain('200000');
    expect((await admin.get('/api/enterprises?pageSize=1')).json().total).toBe(total);
  });

  it('refuses a sheet whose one row holds more cells than a sheet may have columns', async () => {
    const wide = [Array.from({ length: 20_000 }, () => 'a')];
    const res = await upload(
      p.app,
      admin,
      '/api/enterprises/import',
      'wide.xlsx',
      await buildZip(workbookEntries(rowsXml(wide))),
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a report csv of more than 500,000 rows with 413', async () => {
    const head =
      '统一社会信用代码,从业人员（人）,核心软信人才（人）,营业收入（元）,软件业务收入（元）,软件产品收入（元）,研发投入（元）,使用面积（平方米）';
    const csv = `${head}\n${'x,1,1,1,1,1,1,1\n'.repeat(500_001)}`;
    const res = await upload(p.app, admin, '/api/reports/import?period=2026-09', 'rows.csv', csv);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain('500000');
  });
});
