// Tests of the plan file: the Jiulongpo transcription checked against its seed, the small fixture, rejected files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  expandCollective,
  parsePlanFile,
  PlanFileError,
  planFileSchema,
  tasksOfUnit,
  unitKinds,
  type PlanFile,
  type PlanFileInput,
  type PlanFileIssue,
} from './plan-file.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const jiulongpoPath = path.resolve(repoRoot, 'plans/jiulongpo-2027.yaml');
const jiulongpoText = readFileSync(jiulongpoPath, 'utf8');
const jiulongpo = parsePlanFile(jiulongpoText);
// The plan file cites its source document, kept in the repository beside it.
const seedText = readFileSync(path.resolve(path.dirname(jiulongpoPath), jiulongpo.plan.source ?? ''), 'utf8');
const seedLines = new Set(seedText.split('\n'));
const smallText = readFileSync(path.resolve(repoRoot, 'test/fixtures/plans/small-district.yaml'), 'utf8');

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function unitName(file: PlanFile, code: string): string {
  const unit = file.units.find((u) => u.code === code);
  if (!unit) throw new Error(`no unit ${code}`);
  return unit.name;
}

/** Unit names in a seed parenthetical, "X等区级有关部门" read as X and 区级有关部门 (as the transcription does). */
function namesInQuote(quote: string): { lead: string[]; responsible: string[]; label?: string } {
  const split = (names: string) =>
    names.split(/[、，]/).flatMap((n) => {
      const m = /^(.+)等(区级有关部门)$/.exec(n);
      return m ? [m[1] as string, m[2] as string] : [n];
    });
  const [leadPart = '', responsiblePart] = quote.slice(1, -1).split('；');
  const lead = split(leadPart.replace(/^牵头单位：/, ''));
  if (responsiblePart === undefined) return { lead, responsible: [] };
  const [label = '', names = ''] = responsiblePart.split('：');
  return { lead, responsible: split(names), label };
}

function issuesOf(yamlText: string): PlanFileIssue[] {
  try {
    parsePlanFile(yamlText);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanFileError);
    return (error as PlanFileError).issues;
  }
  throw new Error('expected the plan file to be rejected');
}

/** The small fixture as a plain object, changed by `edit`, written back as YAML. */
function smallWith(edit: (raw: PlanFileInput) => void): string {
  const raw = parseYaml(smallText) as PlanFileInput;
  edit(raw);
  return stringifyYaml(raw);
}

describe('the Jiulongpo plan file', () => {
  it('parses, names the district and keeps dates as ISO strings', () => {
    expect(jiulongpo.district).toEqual({
      id: 'jiulongpo',
      name: '九龙坡区',
      nameEn: 'Jiulongpo District',
      city: '重庆市',
    });
    expect(jiulongpo.plan.status).toBe('draftForComments');
    expect(jiulongpo.plan.baselineDate).toBe('2025-12-31');
    expect(jiulongpo.plan.endDate).toBe('2027-12-31');
    expect(seedText).toContain('至2027年12月31日止');
  });

  it('carries the title, preamble and goal statement verbatim', () => {
    expect(seedLines).toContain(jiulongpo.plan.title);
    expect(seedLines).toContain(jiulongpo.plan.preamble);
    expect(seedLines).toContain(jiulongpo.plan.goalStatement);
  });

  it('has the 9 overall targets with the seed goals, in seed order', () => {
    expect(jiulongpo.targets.map((t) => [t.code, t.goal, t.unit])).toEqual([
      ['newEmployees', 10000, '人'],
      ['newCoreTalents', 1000, '人'],
      ['newCarrierArea', 100000, '平方米'],
      ['newEnterprises', 700, '家'],
      ['newGazelle', 3, '家'],
      ['newShangxing', 5, '家'],
      ['softwareRevenue', 480, '亿元'],
      ['softwareProductShare', 30, '%'],
      ['clusters', 1, '个'],
    ]);
    expect(jiulongpo.targets.every((t) => t.deadline === '2027-12-31')).toBe(true);
    expect(jiulongpo.targets.filter((t) => t.strive).map((t) => t.code)).toEqual([
      'newGazelle',
      'newShangxing',
    ]);
    expect(jiulongpo.targets.filter((t) => t.aim === 'level').map((t) => t.code)).toEqual([
      'softwareRevenue',
      'softwareProductShare',
      'clusters',
    ]);
    for (const target of jiulongpo.targets) expect(jiulongpo.plan.goalStatement).toContain(target.quote);
  });

  it('has the 7 sections of 重点任务 as the seed heads them', () => {
    expect(jiulongpo.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const section of jiulongpo.sections) {
      expect(section.numeral).toBe(numerals[section.number - 1]);
      expect(seedLines).toContain(`（${section.numeral}）${section.title}`);
    }
  });

  it('has the 22 tasks numbered 1–22', () => {
    expect(jiulongpo.tasks.map((t) => t.number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('names the seed lead units of tasks 1, 9, 12, 13 and 17', () => {
    const leads = (n: number) =>
      jiulongpo.tasks.find((t) => t.number === n)!.leadUnits.map((code) => unitName(jiulongpo, code));
    expect(leads(1)).toEqual(['区大数据发展局']);
    expect(leads(9)).toEqual(['区发展改革委', '区经济信息委']);
    expect(leads(12)).toEqual(['区经济信息委', '区金融服务中心']);
    expect(leads(13)).toEqual(['区人力社保局']);
    expect(leads(17)).toEqual(['区发展改革委', '区经济信息委']);
  });

  it('rebuilds every task line of the seed exactly from number, title, text and units quote', () => {
    for (const task of jiulongpo.tasks) {
      expect(seedText).toContain(task.text);
      expect(seedText).toContain(task.unitsQuote);
      expect(seedLines).toContain(`${task.number}．${task.title}。${task.text}${task.unitsQuote}`);
    }
    // The seed's own typo stays: this is a transcription, not an edit.
    expect(jiulongpo.tasks.find((t) => t.number === 12)!.text).toContain('快速相应企业诉求');
  });

  it('rebuilds every safeguard line of the seed exactly', () => {
    expect(jiulongpo.safeguards.map((s) => s.number)).toEqual([1, 2, 3, 4]);
    for (const s of jiulongpo.safeguards) {
      expect(seedLines).toContain(`（${numerals[s.number - 1]}）${s.title}。${s.text}${s.unitsQuote}`);
    }
  });

  it('assigns each task and safeguard exactly the units its parenthetical names, with the seed label', () => {
    for (const item of [...jiulongpo.tasks, ...jiulongpo.safeguards]) {
      const quoted = namesInQuote(item.unitsQuote!);
      expect(item.leadUnits.map((c) => unitName(jiulongpo, c))).toEqual(quoted.lead);
      expect(item.responsibleUnits.map((c) => unitName(jiulongpo, c))).toEqual(quoted.responsible);
      if (quoted.label) expect(item.responsibleLabel).toBe(quoted.label);
    }
    const labelled = jiulongpo.tasks.filter((t) => t.responsibleLabel === '责任部门').map((t) => t.number);
    expect(labelled).toEqual([7, 22]);
    const leadsOnly = jiulongpo.tasks.filter((t) => t.responsibleUnits.length === 0).map((t) => t.number);
    expect(leadsOnly).toEqual([9, 15, 19]);
  });

  it('has a unit for every name in every parenthetical of the seed, and the plan office inside 区经济信息委', () => {
    const names = new Set(jiulongpo.units.map((u) => u.name));
    const parentheticals = seedText.match(/[（〔]牵头单位：[^）〕]*[）〕]/g) ?? [];
    expect(parentheticals).toHaveLength(26);
    for (const quote of parentheticals) {
      const { lead, responsible } = namesInQuote(quote);
      for (const name of [...lead, ...responsible]) expect(names, name).toContain(name);
    }
    const office = jiulongpo.units.find((u) => u.kind === 'office')!;
    expect(office.name).toBe('“满天星”行动计划办公室');
    expect(unitName(jiulongpo, office.parent!)).toBe('区经济信息委');
  });

  it("lists the district's 9 街道 and 10 镇, including the three the seed names", () => {
    const subdistricts = jiulongpo.units.filter((u) => u.kind === 'subdistrict');
    expect(subdistricts.filter((u) => u.subkind === 'street')).toHaveLength(9);
    expect(subdistricts.filter((u) => u.subkind === 'town')).toHaveLength(10);
    for (const u of subdistricts) expect(u.name.endsWith(u.subkind === 'street' ? '街道' : '镇')).toBe(true);
    const names = subdistricts.map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['石桥铺街道', '渝州路街道', '二郎街道']));
  });

  it('uses only the known unit kinds', () => {
    expect(new Set(jiulongpo.units.map((u) => u.kind))).toEqual(new Set(unitKinds));
  });
});

describe('collectives and task lookups', () => {
  it('expands 各镇街 to every subdistrict and town', () => {
    expect(expandCollective(jiulongpo, 'all-subdistricts')).toEqual({
      members: jiulongpo.units.filter((u) => u.kind === 'subdistrict').map((u) => u.code),
      relevantOnly: false,
    });
  });

  it('expands 有关街道 to the 街道 only, flagged as relevant-only candidates', () => {
    const { members, relevantOnly } = expandCollective(jiulongpo, 'relevant-streets');
    expect(relevantOnly).toBe(true);
    expect(members.map((c) => unitName(jiulongpo, c)).every((n) => n.endsWith('街道'))).toBe(true);
    expect(members).toHaveLength(9);
  });

  it('expands 区级有关部门 to the district departments as candidates, and a plain unit to itself', () => {
    const { members, relevantOnly } = expandCollective(jiulongpo, 'relevant-departments');
    expect(relevantOnly).toBe(true);
    expect(members).toHaveLength(20);
    expect(members).not.toContain('plan-office');
    expect(expandCollective(jiulongpo, 'tax-bureau')).toEqual({
      members: ['tax-bureau'],
      relevantOnly: false,
    });
    expect(() => expandCollective(jiulongpo, 'nobody')).toThrow(RangeError);
  });

  it('gives a town the tasks of 各镇街 as shares and those of 有关镇街 as relevant-only shares', () => {
    expect(tasksOfUnit(jiulongpo, 'xipeng-town')).toEqual({
      leads: [],
      shares: [11, 13, 16, 18, 20, 21, 22],
      relevantOnly: [18, 21, 22],
    });
    // 有关街道 (task 17) reaches a 街道 but not a 镇.
    expect(tasksOfUnit(jiulongpo, 'shiqiaopu-street').shares).toContain(17);
    expect(tasksOfUnit(jiulongpo, 'xipeng-town').shares).not.toContain(17);
  });

  it('gives 区经济信息委 its led tasks and, separately, the ones it only shares', () => {
    expect(tasksOfUnit(jiulongpo, 'economy-information-commission')).toEqual({
      leads: [3, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 19, 20],
      shares: [1, 2, 4, 5, 6, 13, 18, 21, 22],
      relevantOnly: [21],
    });
  });
});

describe('another district', () => {
  it('loads the small fixture the same way', () => {
    const small = parsePlanFile(smallText);
    expect(small.district.id).toBe('demo-small');
    expect(small.sections).toHaveLength(2);
    expect(small.tasks).toHaveLength(3);
    expect(small.targets.map((t) => t.code)).toEqual(['newEmployees', 'newEnterprises', 'softwareRevenue']);
    // Defaults fill what the file leaves out.
    expect(small.targets[1]!.strive).toBe(false);
    expect(small.tasks[1]!.responsibleUnits).toEqual([]);
    expect(small.safeguards[0]!.responsibleLabel).toBe('责任单位');
    expect(tasksOfUnit(small, 'beiguan-street')).toEqual({ leads: [], shares: [1, 3], relevantOnly: [3] });
    expect(tasksOfUnit(small, 'xishan-town')).toEqual({ leads: [], shares: [1], relevantOnly: [] });
  });
});

describe('rejected plan files', () => {
  it('names the task and position of an unknown unit code, with its line', () => {
    const bad = smallText.replace('leadUnits: [commerce-bureau]', 'leadUnits: [trade-bureau]');
    const line = bad.split('\n').findIndex((l) => l.includes('trade-bureau')) + 1;
    expect(issuesOf(bad)).toEqual([
      { path: 'tasks[0].leadUnits[0]', message: 'unknown unit code "trade-bureau"', line },
    ]);
  });

  it('names an unknown responsible unit too', () => {
    const bad = smallWith((raw) => raw.tasks[2]!.responsibleUnits!.push('nowhere'));
    expect(issuesOf(bad).map((i) => i.path)).toEqual(['tasks[2].responsibleUnits[2]']);
  });

  it('names a duplicate task number and the gap it leaves', () => {
    const issues = issuesOf(smallWith((raw) => (raw.tasks[2]!.number = 2)));
    expect(issues.map((i) => i.path)).toEqual(['tasks[2].number', 'tasks']);
    expect(issues[0]!.message).toContain('already used by tasks[1]');
    expect(issues[1]!.message).toContain('missing 3');
  });

  it('declares the cluster a milestone, and refuses a milestone whose goal is not 1', () => {
    expect(jiulongpo.targets.find((t) => t.code === 'clusters')!.formula).toEqual({
      kind: 'manual',
      milestone: true,
    });
    const issues = issuesOf(
      smallWith((raw) => {
        raw.targets[0]!.formula = { kind: 'manual', milestone: true };
        raw.targets[0]!.goal = 2;
      }),
    );
    expect(issues.map((i) => i.path)).toContain('targets[0].goal');
  });

  it('names a date that does not exist', () => {
    const issues = issuesOf(smallText.replace('baselineDate: 2024-12-31', 'baselineDate: 2025-02-30'));
    expect(issues.map((i) => i.path)).toEqual(['plan.baselineDate']);
    expect(
      issuesOf(smallWith((raw) => (raw.targets[0]!.deadline = '2026-13-01'))).map((i) => i.path),
    ).toEqual(['targets[0].deadline']);
  });

  it('names a task whose section does not exist, a repeated target code and a missing parent', () => {
    const issues = issuesOf(
      smallWith((raw) => {
        raw.tasks[0]!.section = 9;
        raw.targets[2]!.code = 'newEmployees';
        raw.units[4]!.parent = 'no-such-department';
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual([
      'targets[2].code',
      'tasks[0].section',
      'units[4].parent',
    ]);
  });

  it('refuses a collective as lead unit and a deadline after the plan ends', () => {
    const issues = issuesOf(
      smallWith((raw) => {
        raw.tasks[0]!.leadUnits = ['relevant-departments'];
        raw.targets[0]!.deadline = '2027-06-30';
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['targets[0].deadline', 'tasks[0].leadUnits[0]']);
  });

  it('refuses a misspelt key instead of ignoring it', () => {
    const issues = issuesOf(smallText.replace('leadUnits: [commerce-bureau]', 'leadUnit: [commerce-bureau]'));
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['tasks[0].leadUnits', 'tasks[0]']));
  });

  it('reports broken YAML with its line', () => {
    const issues = issuesOf(
      smallText.replace('format: mantianxing-plan/1', 'format: mantianxing-plan/1\nformat: again'),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: '', line: 4 });
    expect(issues[0]!.message).toMatch(/^YAML: /);
  });

  it('accepts dates a YAML 1.1 reader turned into Date objects, and returns them as ISO strings', () => {
    const raw = parseYaml(smallText, { schema: 'yaml-1.1' }) as PlanFileInput;
    expect(raw.plan.baselineDate).toBeInstanceOf(Date);
    const file = planFileSchema.parse(raw);
    expect(file.plan.baselineDate).toBe('2024-12-31');
    expect(file.targets[0]!.deadline).toBe('2026-12-31');
  });
});
