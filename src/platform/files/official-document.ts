// A Chinese government document (公文) as .docx, laid out after GB/T 9704-2012 (党政机关公文格式), for every module
// that issues one (a grant notice, the monthly bulletin 讲评通报, a 督办单): A4 with margins 37 mm top, 35 mm bottom,
// 28 mm left, 26 mm right (a 156 × 225 mm type area of 22 lines × 28 characters); the issuing office's red masthead
// over a red rule with the document number; the title in 2号小标宋; the body in 3号仿宋 on an exact 28.95 pt line,
// first lines indented two characters; headings of four levels — 一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋;
// the signature and date right-aligned four characters in; page numbers "— 1 —" in 4号宋体, odd pages on the right
// and even pages on the left, one character in. Pure layout: the caller gives the words (and tests read them).
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

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Millimetres in twips. */
export const mm = (n: number) => Math.round(n * 56.7);
/** The type area's width in twips (156 mm): tables' columns add up to this. */
export const TYPE_AREA_WIDTH = mm(156);

export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;
/** Half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, tables in 小四 12 pt, the masthead 52 (26 pt). */
export const SIZE = { masthead: 52, title: 44, body: 32, pageNumber: 28, table: 24 } as const;
/** 22 lines on the 225 mm type area: an exact 28.95 pt line. */
const LINE = 579;
/** One character of the body (3号, 16 pt) in twips. */
const CHAR = 320;
const RED = 'E60012';

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** What a document is made of, in reading order. */
export type Block =
  | { kind: 'paragraph'; text: string; indent?: boolean }
  /** 1: 一、  2: （一）  3: 1.  4: （1） — the caller writes the numbering into the text. */
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | {
      kind: 'table';
      columns: { header: string; width: number; align?: 'left' | 'center' | 'right' }[];
      rows: string[][];
      /** The last row is a total: set in 黑体. */
      totalRow?: boolean;
    }
  | { kind: 'blank' };

export interface OfficialDocument {
  /** The issuing office: the red masthead (…文件 or the office's name) and the signature. */
  office: string;
  /** The masthead's words when they are not the office's name (e.g. "九龙坡区满天星行动计划工作专班"). */
  masthead?: string;
  /** 发文字号, e.g. 免申即享〔2026〕1号; printed under the masthead, above the red rule. */
  number?: string;
  title: string;
  blocks: Block[];
  /** The date as written under the signature (chineseDate). */
  date: string;
}

/** A civil date ('YYYY-MM-DD') as 公文 write it: 2026年11月20日. */
export const chineseDate = (day: string): string => {
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

const run = (text: string, font: string = FONT.body, size: number = SIZE.body, extra = {}) =>
  new TextRun({
    text,
    size,
    font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: font },
    ...extra,
  });

const line = { line: LINE, lineRule: LineRuleType.EXACT };

const bodyParagraph = (
  text: string,
  opts: { indent?: boolean; font?: string; bold?: boolean; keepNext?: boolean } = {},
) =>
  new Paragraph({
    spacing: line,
    // a heading stays on the page of what it heads (never alone at a page's foot)
    ...(opts.keepNext ? { keepNext: true, keepLines: true } : {}),
    alignment: AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 2 * CHAR },
    children: [run(text, opts.font, SIZE.body, opts.bold ? { bold: true } : {})],
  });

const HEADING_FONT = { 1: FONT.heading1, 2: FONT.heading2, 3: FONT.body, 4: FONT.body } as const;

const ALIGN: Record<'left' | 'center' | 'right', Align> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
};

function table(b: Extract<Block, { kind: 'table' }>): Table {
  const cell = (text: string, col: number, bold: boolean, align: Align) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      width: { size: b.columns[col]!.width, type: WidthType.DXA },
      children: [
        new Paragraph({
          alignment: align,
          children: [run(text, bold ? FONT.heading1 : FONT.body, SIZE.table)],
        }),
      ],
    });
  const header = new TableRow({
    tableHeader: true,
    children: b.columns.map((c, k) => cell(c.header, k, true, AlignmentType.CENTER)),
  });
  const rows = b.rows.map(
    (r, i) =>
      new TableRow({
        cantSplit: true,
        children: r.map((text, k) =>
          cell(text, k, !!b.totalRow && i === b.rows.length - 1, ALIGN[b.columns[k]?.align ?? 'left']),
        ),
      }),
  );
  return new Table({
    width: { size: b.columns.reduce((a, c) => a + c.width, 0), type: WidthType.DXA },
    columnWidths: b.columns.map((c) => c.width),
    rows: [header, ...rows],
  });
}

function block(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'paragraph':
      return [bodyParagraph(b.text, { indent: b.indent })];
    case 'heading':
      return [bodyParagraph(b.text, { font: HEADING_FONT[b.level], bold: b.level === 3, keepNext: true })];
    case 'table':
      return [table(b), bodyParagraph('', { indent: false })];
    case 'blank':
      return [bodyParagraph('', { indent: false })];
  }
}

const pageNumber = (align: Align) =>
  new Footer({
    children: [
      new Paragraph({
        alignment: align,
        indent: align === AlignmentType.RIGHT ? { right: CHAR } : { left: CHAR },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            size: SIZE.pageNumber,
            font: { ascii: FONT.pageNumber, hAnsi: FONT.pageNumber, eastAsia: FONT.pageNumber },
          }),
        ],
      }),
    ],
  });

/** The document as .docx bytes. */
export async function officialDocx(d: OfficialDocument): Promise<Buffer> {
  const signature = (text: string) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 4 * CHAR },
      spacing: line,
      children: [run(text)],
    });
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 240 },
      children: [
        run(d.masthead ?? d.office, FONT.title, SIZE.masthead, { color: RED, characterSpacing: 40 }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...line, after: 120 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 8 } },
      children: [run(d.number ?? '')],
    }),
    new Paragraph({ spacing: line, children: [] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: LINE },
      children: [run(d.title, FONT.title, SIZE.title)],
    }),
    ...d.blocks.flatMap(block),
    bodyParagraph('', { indent: false }),
    signature(d.office),
    signature(d.date),
  ];
  const doc = new Document({
    creator: d.office,
    title: d.title,
    evenAndOddHeaderAndFooters: true,
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
        footers: { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
