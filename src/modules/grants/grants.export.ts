// A batch's enterprises as an .xlsx: one row per enterprise the reader sees (a subdistrict its own), amounts in exact
// 元 as whole-number cells, the download audited with its row count.
import type { FastifyReply } from 'fastify';
import type { Db } from '../../platform/db/db.ts';
import { audit, exportEvent, type Actor } from '../../platform/audit/audit.ts';
import { sendXlsx } from '../../platform/http/files.ts';
import { batchItems, batchRow, toBatch, type GrantView } from './grants.store.ts';

/** Batches hold at most the district's registry; one page of this size is all of it. */
const ALL = 1_000_000;

export const itemColumns = [
  { header: '序号', key: 'n', width: 6 },
  { header: '企业名称', key: 'name', width: 36 },
  { header: '统一社会信用代码', key: 'uscc', width: 22 },
  { header: '所属镇街', key: 'subdistrict', width: 14 },
  { header: '测算金额（元）', key: 'amount', width: 16, style: { numFmt: '#,##0' } },
  { header: '是否列入', key: 'included', width: 10 },
  { header: '排除理由', key: 'reason', width: 30 },
  { header: '是否兑现', key: 'granted', width: 10 },
  { header: '未处理异议', key: 'open', width: 10 },
];

export async function exportBatchItems(
  reply: FastifyReply,
  db: Db,
  actor: Actor,
  batchId: string,
  view: GrantView,
) {
  // Refused (404) before any header goes out when the reader may not see the batch.
  const batch = toBatch(await batchRow(db, actor.districtId, batchId, view));
  const list = await batchItems(db, actor.districtId, batchId, { page: 1, pageSize: ALL }, view);
  await audit(db, actor, exportEvent('grantItems', { batchId }, list.items.length));
  const yesNo = (v: boolean | null) => (v === null ? '' : v ? '是' : '否');
  return sendXlsx(reply, `${batch.number}-名单.xlsx`, async (wb) => {
    const sheet = wb.addWorksheet('名单');
    sheet.columns = itemColumns;
    list.items.forEach((i, n) =>
      sheet
        .addRow({
          n: n + 1,
          name: i.name,
          uscc: i.uscc,
          subdistrict: i.subdistrictName,
          amount: i.amount,
          included: yesNo(i.included),
          reason: i.exclusionReason ?? '',
          granted: yesNo(i.granted),
          open: i.openObjections,
        })
        .commit(),
    );
    const total = list.items.filter((i) => i.included).reduce((s, i) => s + i.amount, 0);
    sheet.addRow({ name: '合计（列入名单）', amount: total }).commit();
  });
}
