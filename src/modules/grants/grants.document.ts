// A public notice (公示) — or, once decided, the decision with how objections were handled — as a .docx in the form
// of a government document (GB/T 9704-2012; the layout is the platform's, src/platform/files/official-document.ts).
// Every figure is generated from the batch (its policy version's basis, its list, its objections); amounts in exact 元.
import type { FastifyReply } from 'fastify';
import type { Queryable } from '../../platform/db/db.ts';
import { attachment } from '../../platform/http/files.ts';
import { chineseDate, DOCX_TYPE, officialDocx, type Block } from '../../platform/files/official-document.ts';
import { allUnits } from '../units/units.store.ts';
import type { PublicNotice } from './grants.contract.ts';
import { yuanText } from './grants.basis.ts';
import { publicNotice } from './grants.notice.ts';

export { chineseDate, DOCX_TYPE };

/** The document's text, pure: title, numbered sections of paragraphs, the list, the signature (unit tests read it). */
export function documentText(n: PublicNotice, office: string) {
  const decided = n.status === 'decided';
  const b = n.basis;
  const title = decided
    ? `关于“${n.policyName}”免申即享兑现结果的决定`
    : `关于“${n.policyName}”免申即享拟兑现名单的公示`;
  const lead = decided
    ? `根据“${n.policyName}”（第 ${b.policyVersion} 版），平台依据企业名录和 ${b.period} 月度填报数据自动认定，经 ${n.noticeDays} 个工作日公示（${n.noticeStartsOn} 至 ${n.noticeEndsOn}），决定对以下 ${n.items.length} 家企业予以兑现，合计 ${yuanText(n.totalAmount)}，企业无需申请。`
    : `根据“${n.policyName}”（第 ${b.policyVersion} 版），平台依据企业名录和 ${b.period} 月度填报数据自动认定了拟兑现企业 ${n.items.length} 家，合计 ${yuanText(n.totalAmount)}。现予以公示。`;
  const sections: { heading: string; paragraphs: string[] }[] = [
    { heading: '一、认定条件', paragraphs: b.conditions.map((c) => c.trim()) },
  ];
  if (b.formula)
    sections.push({
      heading: '二、测算方法',
      paragraphs: [
        `补贴金额 = ${b.formula}，单位为元，四舍五入到元。`,
        ...b.parameters.map((p) => `${p.label}：${p.text}。`),
      ],
    });
  sections.push({
    heading: `${b.formula ? '三' : '二'}、${decided ? '兑现名单' : '拟兑现名单'}`,
    paragraphs: ['见下表（金额单位：元）。'],
  });
  const next = b.formula ? '四' : '三';
  if (decided) {
    const upheld = n.objections.filter((o) => o.status === 'upheld').length;
    const dismissed = n.objections.filter((o) => o.status === 'dismissed').length;
    sections.push({
      heading: `${next}、异议处理情况`,
      paragraphs: n.objections.length
        ? [
            `公示期间共收到异议 ${n.objections.length} 件，经核实，成立 ${upheld} 件、不成立 ${dismissed} 件：`,
            ...n.objections.map(
              (o) =>
                `受理编号 ${o.receipt ?? '—'}（${o.enterpriseName ? `关于${o.enterpriseName}` : '关于名单整体'}）：${
                  o.status === 'upheld'
                    ? `异议成立${o.enterpriseName ? '，该企业不予兑现' : ''}`
                    : o.status === 'dismissed'
                      ? '异议不成立'
                      : '未处理'
                }。答复：${o.response ?? '—'}`,
            ),
          ]
        : ['公示期间未收到异议。'],
    });
  } else {
    sections.push({
      heading: `${next}、公示期与异议`,
      paragraphs: [
        `公示期为 ${n.noticeStartsOn} 至 ${n.noticeEndsOn}，共 ${n.noticeDays} 个工作日。`,
        '公示期内，对名单有异议的，可在本平台公示页面实名提出，并写明事实和理由；提交后获得受理编号，凭受理编号和所留联系方式可查询处理情况。',
      ],
    });
  }
  const day = decided ? n.decidedOn : n.noticeStartsOn;
  return { title, number: n.number, lead, sections, office, date: day ? chineseDate(day) : '' };
}

/** The list's columns in twips, filling the 156 mm type area: the 18-character USCC on one line. */
const COLUMNS = [700, 3445, 3100, 1600];

function itemsTable(n: PublicNotice): Block {
  const amount = (v: number) => yuanText(v).replace(' 元', '');
  return {
    kind: 'table',
    columns: [
      { header: '序号', width: COLUMNS[0]!, align: 'center' },
      { header: '企业名称', width: COLUMNS[1]!, align: 'left' },
      { header: '统一社会信用代码', width: COLUMNS[2]!, align: 'center' },
      { header: '金额（元）', width: COLUMNS[3]!, align: 'right' },
    ],
    rows: [
      ...n.items.map((i, k) => [String(k + 1), i.name, i.uscc, amount(i.amount)]),
      ['', `合计 ${n.items.length} 家`, '', amount(n.totalAmount)],
    ],
    totalRow: true,
  };
}

export async function noticeDocx(n: PublicNotice, office: string): Promise<Buffer> {
  const t = documentText(n, office);
  const listAfter = n.basis.formula ? 2 : 1;
  return officialDocx({
    office: t.office,
    number: t.number,
    title: t.title,
    date: t.date,
    blocks: [
      { kind: 'paragraph', text: t.lead },
      ...t.sections.flatMap((s, k): Block[] => [
        { kind: 'heading', level: 1, text: s.heading },
        ...s.paragraphs.map((text): Block => ({ kind: 'paragraph', text })),
        ...(k === listAfter ? [itemsTable(n)] : []),
      ]),
    ],
  });
}

/** The notice of a batch under notice or decided, as the public may read it, as .docx (404 otherwise). */
export async function noticeDocument(
  reply: FastifyReply,
  db: Queryable,
  districtId: string,
  batchId: string,
  now: Date,
) {
  const n = await publicNotice(db, districtId, batchId, now);
  const office = (await allUnits(db, districtId)).find((u) => u.kind === 'office')?.name ?? '';
  const buffer = await noticeDocx(n, office);
  const name = `${n.number}-${n.status === 'decided' ? '兑现决定' : '公示'}.docx`;
  return attachment(reply, name, DOCX_TYPE).send(buffer);
}
