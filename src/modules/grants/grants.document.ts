// A public notice (公示) — or, once decided, the decision with how objections were handled — as a .docx laid out in
// the style of GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm, the issuing office's red masthead and
// red rule, the title in 2号小标宋, the body in 3号仿宋 on a 28.95 pt line, headings in 黑体, "— 1 —" page numbers.
// Every figure is generated from the batch (its policy version's basis, its list, its objections); amounts in exact 元.
import type { FastifyReply } from 'fastify';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Queryable } from '../../platform/db/db.ts';
import { attachment } from '../../platform/http/files.ts';
import { allUnits } from '../units/units.store.ts';
import type { PublicNotice } from './grants.contract.ts';
import { yuanText } from './grants.basis.ts';
import { publicNotice } from './grants.notice.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const mm = (n: number) => Math.round(n * 56.7);
const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
} as const;
/** Half-points: 2号 22 pt, 3号 16 pt, the list in 小四 12 pt. */
const SIZE = { title: 44, body: 32, table: 24 } as const;
/** 22 lines of 28 characters on the type area: an exact 28.95 pt line. */
const LINE = 579;

const run = (text: string, font: string = FONT.body, size: number = SIZE.body, extra = {}) =>
  new TextRun({
    text,
    size,
    font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: font },
    ...extra,
  });

const bodyParagraph = (text: string, opts: { indent?: boolean; font?: string } = {}) =>
  new Paragraph({
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    alignment: AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    children: [run(text, opts.font)],
  });

const heading = (text: string) => bodyParagraph(text, { font: FONT.heading });

/** A date as 公文 write it: 2026年11月20日. */
export const chineseDate = (day: string): string => {
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

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

function itemsTable(n: PublicNotice): Table {
  const cell = (
    text: string,
    align: (typeof AlignmentType)[keyof typeof AlignmentType],
    bold = false,
    col = 0,
  ) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      width: { size: COLUMNS[col]!, type: WidthType.DXA },
      children: [
        new Paragraph({
          alignment: align,
          children: [run(text, bold ? FONT.heading : FONT.body, SIZE.table)],
        }),
      ],
    });
  const header = new TableRow({
    tableHeader: true,
    children: ['序号', '企业名称', '统一社会信用代码', '金额（元）'].map((h, k) =>
      cell(h, AlignmentType.CENTER, true, k),
    ),
  });
  const rows = n.items.map(
    (i, k) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(k + 1), AlignmentType.CENTER, false, 0),
          cell(i.name, AlignmentType.LEFT, false, 1),
          cell(i.uscc, AlignmentType.CENTER, false, 2),
          cell(yuanText(i.amount).replace(' 元', ''), AlignmentType.RIGHT, false, 3),
        ],
      }),
  );
  const total = new TableRow({
    children: [
      cell('', AlignmentType.CENTER, false, 0),
      cell(`合计 ${n.items.length} 家`, AlignmentType.LEFT, true, 1),
      cell('', AlignmentType.CENTER, false, 2),
      cell(yuanText(n.totalAmount).replace(' 元', ''), AlignmentType.RIGHT, true, 3),
    ],
  });
  return new Table({
    width: { size: COLUMNS.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: COLUMNS,
    rows: [header, ...rows, total],
  });
}

export async function noticeDocx(n: PublicNotice, office: string): Promise<Buffer> {
  const t = documentText(n, office);
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 240 },
      children: [run(t.office, FONT.title, 52, { color: 'E60012', characterSpacing: 40 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT, after: 120 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'E60012', space: 8 } },
      children: [run(t.number)],
    }),
    new Paragraph({ spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: LINE },
      children: [run(t.title, FONT.title, SIZE.title)],
    }),
    bodyParagraph(t.lead),
    ...t.sections.flatMap((s, k) => [
      heading(s.heading),
      ...s.paragraphs.map((p) => bodyParagraph(p)),
      ...(k === (n.basis.formula ? 2 : 1) ? [itemsTable(n), bodyParagraph('', { indent: false })] : []),
    ]),
    bodyParagraph('', { indent: false }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 1280 },
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      children: [run(t.office)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 1280 },
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      children: [run(t.date)],
    }),
  ];
  const doc = new Document({
    creator: t.office,
    title: t.title,
    styles: {
      default: {
        document: {
          run: { size: SIZE.body, font: { ascii: 'Times New Roman', eastAsia: FONT.body } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(28) - 567 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    size: SIZE.table,
                    font: { ascii: '宋体', eastAsia: '宋体' },
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
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
