// The 公文 builder's layout (GB/T 9704-2012), read back from the generated document's XML.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { chineseDate, officialDocx, TYPE_AREA_WIDTH } from './official-document.ts';
import { ZipArchive } from './zip.ts';

async function parts(buffer: Buffer): Promise<Record<string, string>> {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'mtx-docx-')), 'd.docx');
  await fs.writeFile(file, buffer);
  const zip = await ZipArchive.open(file, {
    maxInflatedBytes: 20e6,
    maxEntries: 100,
    maxRatio: 1000,
    ratioFloorBytes: 1e6,
  });
  const out: Record<string, string> = {};
  for (const name of zip.entries.keys())
    if (name.endsWith('.xml')) out[name] = await text(await zip.open(name));
  await fs.rm(path.dirname(file), { recursive: true });
  return out;
}

const doc = () =>
  officialDocx({
    office: '九龙坡区经济和信息化委员会',
    number: '九经信〔2026〕12号',
    title: '关于2026年11月满天星行动计划推进情况的通报',
    date: chineseDate('2026-12-04'),
    blocks: [
      { kind: 'paragraph', text: '现将11月推进情况通报如下。' },
      { kind: 'heading', level: 1, text: '一、总体情况' },
      { kind: 'heading', level: 2, text: '（一）主要指标' },
      { kind: 'heading', level: 3, text: '1.软件从业人员' },
      { kind: 'heading', level: 4, text: '（1）新增情况' },
      {
        kind: 'table',
        columns: [
          { header: '指标', width: 6000, align: 'left' },
          { header: '完成率', width: TYPE_AREA_WIDTH - 6000, align: 'right' },
        ],
        rows: [
          ['新增软件从业人员', '58.0%'],
          ['合计', '—'],
        ],
        totalRow: true,
      },
    ],
  });

describe('an official document (GB/T 9704)', () => {
  it('is A4 with the standard margins, and odd and even page numbers "— n —" right and left', async () => {
    const x = await parts(await doc());
    const d = x['word/document.xml']!;
    expect(d).toContain('w:w="11906" w:h="16838"');
    // 37 / 35 / 28 / 26 mm in twips.
    expect(d).toMatch(/w:top="2098"/);
    expect(d).toMatch(/w:bottom="1985"/);
    expect(d).toMatch(/w:left="1588"/);
    expect(d).toMatch(/w:right="1474"/);
    expect(x['word/settings.xml']).toContain('w:evenAndOddHeaders');
    const footers = Object.entries(x).filter(([n]) => n.startsWith('word/footer'));
    expect(footers).toHaveLength(2);
    const aligns = footers.map(([, f]) => /<w:jc w:val="(\w+)"/.exec(f)![1]).sort();
    expect(aligns).toEqual(['left', 'right']);
    for (const [, f] of footers) {
      expect(f).toContain('— ');
      expect(f).toContain('PAGE');
      expect(f).toContain('w:sz w:val="28"'); // 4号
    }
  });

  it('sets the title in 2号小标宋, the body in 3号仿宋 on a fixed line, headings in 黑体, 楷体, 仿宋', async () => {
    const d = (await parts(await doc()))['word/document.xml']!;
    const paragraph = (words: string) => d.split('</w:p>').find((p) => p.includes(words))!;
    expect(paragraph('推进情况的通报')).toContain('方正小标宋简体');
    expect(paragraph('推进情况的通报')).toContain('w:sz w:val="44"');
    expect(paragraph('现将11月')).toContain('仿宋_GB2312');
    expect(paragraph('现将11月')).toContain('w:sz w:val="32"');
    expect(paragraph('现将11月')).toMatch(/w:line="579" w:lineRule="exact"/);
    expect(paragraph('现将11月')).toContain('w:firstLine="640"');
    expect(paragraph('一、总体情况')).toContain('黑体');
    expect(paragraph('（一）主要指标')).toContain('楷体_GB2312');
    expect(paragraph('1.软件从业人员')).toContain('仿宋_GB2312');
    expect(paragraph('（1）新增情况')).toContain('仿宋_GB2312');
    expect(paragraph('九经信〔2026〕12号')).toContain('w:color="E60012"'); // the red rule under the number
    expect(paragraph('2026年12月4日')).toContain('w:jc w:val="right"');
  });

  it('keeps each heading with the paragraph that follows it, and body paragraphs free to break', async () => {
    const d = (await parts(await doc()))['word/document.xml']!;
    const paragraph = (words: string) => d.split('</w:p>').find((p) => p.includes(words))!;
    for (const h of ['一、总体情况', '（一）主要指标', '1.软件从业人员', '（1）新增情况'])
      expect(paragraph(h), h).toContain('<w:keepNext/>');
    expect(paragraph('现将11月推进情况通报如下。')).not.toContain('<w:keepNext');
  });

  it('writes a table filling the type area with its total row in 黑体', async () => {
    const d = (await parts(await doc()))['word/document.xml']!;
    expect(d).toContain(`w:w="${TYPE_AREA_WIDTH}"`);
    const total = d.split('</w:tr>').find((r) => r.includes('合计'))!;
    expect(total).toContain('黑体');
  });

  it('writes dates as 公文 do', () => {
    expect(chineseDate('2027-01-05')).toBe('2027年1月5日');
  });
});
