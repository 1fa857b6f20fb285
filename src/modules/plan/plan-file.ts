// The plan file (format mantianxing-plan/1): its Zod schema, a pure YAML parser with cross-reference checks, and lookups.
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { z } from 'zod';
import { checkCondition, conditionSchema, leavesOf } from '../policies/rules.ts';
import { dateOfUtcMidnight } from '../../platform/time/date.ts';
import { flowKeys, stockKeys } from '../reports/figures.ts';

export const planFileFormat = 'mantianxing-plan/1';

export const unitKinds = ['department', 'stateGroup', 'office', 'subdistrict', 'collective'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** 街道 (street) or 镇 (town): both are `subdistrict` units, told apart because some collectives name only 街道. */
export const subdistrictKinds = ['street', 'town'] as const;
export const targetUnits = ['人', '平方米', '家', '亿元', '%', '个'] as const;
/** `increase`: growth since the baseline (新增…); `level`: the value to be reached (达到…). */
export const targetAims = ['increase', 'level'] as const;
export const planStatuses = ['draftForComments', 'issued'] as const;
export const responsibleLabels = ['责任单位', '责任部门'] as const;

const kebabCode = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case code (lower-case letters, digits, hyphens)');
const camelCode = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be a camelCase code');
const text = z.string().trim().min(1, 'must not be empty');

// The yaml package's default (YAML 1.2 core) schema leaves 2025-12-31 a string, but a YAML 1.1 reader or a
// caller handing us objects may produce a Date; both end up as the same ISO string.
const isoDateString = z.iso.date('must be a valid date written YYYY-MM-DD');
const isValidIsoDate = (value: string) => isoDateString.safeParse(value).success;
const isoDate = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? dateOfUtcMidnight(value) : value),
  isoDateString,
);

const unitBase = {
  code: kebabCode,
  name: text,
  nameEn: text,
  /** The unit it sits inside, e.g. the plan office inside 区经济信息委. */
  parent: kebabCode.optional(),
  /** Who actually administers it when that is not the district itself (e.g. 重庆高新区); informational. */
  managedBy: text.optional(),
};

const unitSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...unitBase, kind: z.literal('department') }),
  z.strictObject({ ...unitBase, kind: z.literal('stateGroup') }),
  z.strictObject({ ...unitBase, kind: z.literal('office') }),
  z.strictObject({
    ...unitBase,
    kind: z.literal('subdistrict'),
    subkind: z.enum(subdistrictKinds),
    /** 统计用区划代码 of the 街道/镇 (9 digits). */
    divisionCode: z
      .string()
      .regex(/^\d{9}$/, 'must be the 9-digit statistical division code')
      .optional(),
  }),
  z.strictObject({
    ...unitBase,
    kind: z.literal('collective'),
    collective: z.strictObject({
      of: z.enum(['subdistrict', 'department']),
      /** `relevant` (有关…): the plan leaves open which members; every candidate is offered, flagged. */
      scope: z.enum(['all', 'relevant']),
      /** 有关街道: only 街道, no 镇. */
      streetsOnly: z.boolean().optional(),
    }),
  }),
]);

/** Monthly figures an enterprise reports (月度填报), as the indicator formulas name them: the figure catalogue's. */
export const stockMeasures = stockKeys;
export const flowMeasures = flowKeys;
/**
 * A tier of tiered cultivation (梯度培育): a rule in the policy rule language, evaluated for every enterprise each
 * month; an enterprise is in the tier in the months its rule holds.
 */
const tierRuleSchema = z.strictObject({
  name: text,
  nameEn: text,
  rule: conditionSchema,
  /** Where the criteria come from (a clause of the plan, a document), or why a default was chosen. */
  source: text,
  /** Share of a threshold within which a failing enterprise counts as a near miss (the cultivation pipeline). */
  nearMissMargin: z.number().min(0).max(1).default(0.2),
});
export type TierRule = z.infer<typeof tierRuleSchema>;

/**
 * How a target's value is computed each month (see docs/indicators.md). Values are in the target's unit:
 * yuan are scaled to 亿元, ratios to %.
 */
export const formulaSchema = z.discriminatedUnion('kind', [
  /** Growth of a stock since the baseline, over enterprises in the district (新增从业人员, 新增面积). */
  z.strictObject({ kind: z.literal('stockGrowth'), measure: z.enum(stockMeasures) }),
  /** Enterprises that settled in the district after the baseline and are still there (新增软信企业). */
  z.strictObject({ kind: z.literal('newEnterprises') }),
  /** Enterprises that meet a tier rule now but did not at the baseline (新培育上星、瞪羚). */
  z.strictObject({ kind: z.literal('tierEntrants'), tier: z.string().regex(/^[a-z][A-Za-z0-9]*$/) }),
  /** A flow over the trailing 12 months, which at the deadline is the calendar year (软件业务收入). */
  z.strictObject({ kind: z.literal('flowTtm'), measure: z.enum(flowMeasures) }),
  /** Ratio of two trailing-12-month flows (软件产品收入占比). */
  z.strictObject({
    kind: z.literal('flowRatio'),
    numerator: z.enum(flowMeasures),
    denominator: z.enum(flowMeasures),
  }),
  /**
   * Reported by a department with source and date. `milestone`: a state reached or not (建成1个集聚区), valued 0 or
   * 1 against a goal of 1; it gets no trend projection (docs/indicators.md, "Milestone targets").
   */
  z.strictObject({ kind: z.literal('manual'), milestone: z.literal(true).optional() }),
]);
export type Formula = z.infer<typeof formulaSchema>;

const monitoringSchema = z.strictObject({
  /** Reports for a month are due by this day of the following month. */
  reportDeadlineDay: z.number().int().min(1).max(28).default(10),
  /**
   * A missing month is filled with the enterprise's last report for up to this many months, then counted missing.
   * The one staleness rule: monitoring facts, tiers and the rules' "latest" measure all read it.
   */
  carryForwardMonths: z.number().int().min(0).max(12).default(3),
  /** Status thresholds on the pace index (share of the goal done ÷ share of the time gone). */
  thresholds: z
    .strictObject({
      ahead: z.number().positive(),
      onTrack: z.number().positive(),
      behind: z.number().positive(),
    })
    .default({ ahead: 1.05, onTrack: 0.95, behind: 0.75 }),
  /** A drop of the reporting rate by this many percentage points from one month to the next raises an alert. */
  reportingRateDropAlert: z.number().min(0).max(100).default(10),
  tiers: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/), tierRuleSchema).default({}),
});
export type MonitoringSettings = z.infer<typeof monitoringSchema>;

const targetSchema = z.strictObject({
  code: camelCode,
  name: text,
  nameEn: text,
  goal: z.number().finite().positive(),
  unit: z.enum(targetUnits),
  deadline: isoDate,
  aim: z.enum(targetAims),
  /** 力争: a goal the plan strives for rather than commits to. */
  strive: z.boolean().default(false),
  /** Code of the target this one is counted within (其中…). */
  partOf: camelCode.optional(),
  /** How the value is computed each month; a target without one is entered by hand (manual). */
  formula: formulaSchema.default({ kind: 'manual' }),
  /** The key task this target belongs to: its lead units own the indicator and receive its alerts. */
  ownerTask: z.number().int().positive().optional(),
  /** Owner units named directly, overriding ownerTask's lead units. */
  ownerUnits: z.array(kebabCode).optional(),
  quote: text,
});

const unitAssignment = {
  leadUnits: z.array(kebabCode).min(1, 'needs at least one lead unit'),
  responsibleUnits: z.array(kebabCode).default([]),
  responsibleLabel: z.enum(responsibleLabels).default('责任单位'),
  /** The unit parenthetical exactly as the source document prints it. */
  unitsQuote: text.optional(),
};

const sectionSchema = z.strictObject({
  number: z.number().int().positive(),
  numeral: text,
  title: text,
  titleEn: text,
});

const taskSchema = z.strictObject({
  number: z.number().int().positive(),
  section: z.number().int().positive(),
  title: text,
  titleEn: text,
  text,
  ...unitAssignment,
});

const safeguardSchema = z.strictObject({
  number: z.number().int().positive(),
  title: text,
  titleEn: text.optional(),
  text,
  ...unitAssignment,
});

const shapeSchema = z.strictObject({
  format: z.literal(planFileFormat),
  dataVersion: z.number().int().positive(),
  district: z.strictObject({ id: kebabCode, name: text, nameEn: text, city: text }),
  plan: z.strictObject({
    code: kebabCode,
    title: text,
    titleEn: text,
    status: z.enum(planStatuses),
    source: text.optional(),
    preamble: text.optional(),
    goalStatement: text.optional(),
    baselineDate: isoDate,
    endDate: isoDate,
  }),
  units: z.array(unitSchema).min(1),
  targets: z.array(targetSchema),
  sections: z.array(sectionSchema).min(1),
  tasks: z.array(taskSchema).min(1),
  safeguards: z.array(safeguardSchema).default([]),
  monitoring: monitoringSchema.default({
    reportDeadlineDay: 10,
    carryForwardMonths: 3,
    thresholds: { ahead: 1.05, onTrack: 0.95, behind: 0.75 },
    reportingRateDropAlert: 10,
    tiers: {},
  }),
});

type Shape = z.infer<typeof shapeSchema>;
type PathSegment = string | number;
interface RawIssue {
  path: PathSegment[];
  message: string;
}

/** Checks that need the whole file: codes that must resolve, numbers that must run 1…n, dates that must order. */
function crossReferenceIssues(file: Shape): RawIssue[] {
  const issues: RawIssue[] = [];
  const add = (path: PathSegment[], message: string) => issues.push({ path, message });

  const unitsByCode = new Map<string, Shape['units'][number]>();
  const unitNames = new Map<string, number>();
  file.units.forEach((unit, i) => {
    if (unitsByCode.has(unit.code)) {
      add(['units', i, 'code'], `unit code "${unit.code}" is used more than once`);
    } else {
      unitsByCode.set(unit.code, unit);
    }
    // Names are what people search by and what quotes contain, so two units may not share one.
    const earlier = unitNames.get(unit.name);
    if (earlier !== undefined) {
      add(['units', i, 'name'], `unit name "${unit.name}" is already used by units[${earlier}]`);
    } else {
      unitNames.set(unit.name, i);
    }
  });

  file.units.forEach((unit, i) => {
    if (unit.kind === 'collective' && unit.collective.streetsOnly && unit.collective.of !== 'subdistrict') {
      add(
        ['units', i, 'collective', 'streetsOnly'],
        'streetsOnly applies only to a collective of subdistricts',
      );
    }
    if (unit.parent === undefined) return;
    const parent = unitsByCode.get(unit.parent);
    if (!parent) {
      add(['units', i, 'parent'], `parent "${unit.parent}" is not a unit code`);
    } else if (parent.kind === 'collective') {
      add(['units', i, 'parent'], `parent "${unit.parent}" is a collective`);
    } else {
      // Walk up: a cycle would make every "which department is this in" question loop forever.
      const seen = new Set([unit.code]);
      for (let at: string | undefined = unit.parent; at !== undefined; at = unitsByCode.get(at)?.parent) {
        if (seen.has(at)) {
          add(['units', i, 'parent'], `parent chain of "${unit.code}" loops back to "${at}"`);
          break;
        }
        seen.add(at);
      }
    }
  });

  const checkNumbering = (list: 'sections' | 'tasks' | 'safeguards', numbers: number[]) => {
    const firstAt = new Map<number, number>();
    numbers.forEach((n, i) => {
      const earlier = firstAt.get(n);
      if (earlier !== undefined) {
        add([list, i, 'number'], `number ${n} is already used by ${list}[${earlier}]`);
      } else {
        firstAt.set(n, i);
      }
    });
    const missing: number[] = [];
    for (let n = 1; n <= numbers.length; n++) if (!firstAt.has(n)) missing.push(n);
    if (missing.length > 0) {
      add([list], `${list} must be numbered 1…${numbers.length} without gaps; missing ${missing.join(', ')}`);
    }
  };
  const numbersOf = (items: { number: number }[]) => items.map((item) => item.number);
  checkNumbering('sections', numbersOf(file.sections));
  checkNumbering('tasks', numbersOf(file.tasks));
  if (file.safeguards.length > 0) checkNumbering('safeguards', numbersOf(file.safeguards));

  const sectionNumbers = new Set(file.sections.map((s) => s.number));
  const checkAssignment = (
    list: 'tasks' | 'safeguards',
    i: number,
    item: { leadUnits: string[]; responsibleUnits: string[] },
  ) => {
    const checkCodes = (field: 'leadUnits' | 'responsibleUnits') => {
      const seen = new Set<string>();
      item[field].forEach((code, j) => {
        const unit = unitsByCode.get(code);
        if (!unit) {
          add([list, i, field, j], `unknown unit code "${code}"`);
        } else if (field === 'leadUnits' && unit.kind === 'collective') {
          // A lead answers for the task, so it must be one unit, not "the relevant ones".
          add([list, i, field, j], `a lead unit must be a single unit, not the collective "${code}"`);
        }
        if (seen.has(code)) add([list, i, field, j], `unit "${code}" is listed twice`);
        seen.add(code);
      });
    };
    checkCodes('leadUnits');
    checkCodes('responsibleUnits');
    item.responsibleUnits.forEach((code, j) => {
      if (item.leadUnits.includes(code)) {
        add([list, i, 'responsibleUnits', j], `unit "${code}" is already a lead unit of this item`);
      }
    });
  };
  file.tasks.forEach((task, i) => {
    if (!sectionNumbers.has(task.section)) {
      add(['tasks', i, 'section'], `section ${task.section} does not exist`);
    }
    checkAssignment('tasks', i, task);
  });
  file.safeguards.forEach((safeguard, i) => checkAssignment('safeguards', i, safeguard));

  const taskNumbers = new Set(file.tasks.map((t) => t.number));
  const th = file.monitoring.thresholds;
  if (!(th.ahead > th.onTrack && th.onTrack > th.behind)) {
    add(['monitoring', 'thresholds'], 'thresholds must satisfy ahead > onTrack > behind');
  }
  // Tier rules are checked like policy rules, against the plan's own units; they cannot refer to tiers.
  const subdistrictCodes = new Set(file.units.filter((u) => u.kind === 'subdistrict').map((u) => u.code));
  for (const [code, tier] of Object.entries(file.monitoring.tiers)) {
    const ctx = {
      subdistrictCodes,
      buildingCodes: new Set<string>(),
      tierCodes: new Set<string>(),
      allowTiers: false,
    };
    for (const e of checkCondition(tier.rule, ctx, {}, [])) {
      add(
        [
          'monitoring',
          'tiers',
          code,
          'rule',
          ...e.path
            .split('.')
            .filter(Boolean)
            .map((x) => (/^\d+$/.test(x) ? Number(x) : x)),
        ],
        e.message,
      );
    }
    if (leavesOf(tier.rule).some((l) => l.leaf.kind === 'building'))
      add(
        ['monitoring', 'tiers', code, 'rule'],
        'tier rules cannot name buildings (buildings are district data, not plan data)',
      );
  }
  file.targets.forEach((target, i) => {
    if (target.ownerTask !== undefined && !taskNumbers.has(target.ownerTask)) {
      add(['targets', i, 'ownerTask'], `task ${target.ownerTask} does not exist`);
    }
    target.ownerUnits?.forEach((code, j) => {
      if (!unitsByCode.has(code)) add(['targets', i, 'ownerUnits', j], `unknown unit code "${code}"`);
    });
    if (target.formula.kind === 'tierEntrants' && !(target.formula.tier in file.monitoring.tiers)) {
      add(
        ['targets', i, 'formula', 'tier'],
        `tier "${target.formula.tier}" is not defined under monitoring.tiers`,
      );
    }
    if (target.formula.kind === 'flowRatio' && target.unit !== '%') {
      add(['targets', i, 'unit'], 'a flowRatio target is measured in %');
    }
    if (target.formula.kind === 'flowTtm' && target.unit !== '亿元') {
      add(['targets', i, 'unit'], 'a flowTtm target of yuan amounts is measured in 亿元');
    }
    if (target.formula.kind === 'manual' && target.formula.milestone && target.goal !== 1) {
      add(['targets', i, 'goal'], 'a milestone is reached or not: its goal is 1');
    }
    if (target.formula.kind === 'stockGrowth' && target.aim !== 'increase') {
      add(['targets', i, 'aim'], 'a stockGrowth target counts an increase (aim: increase)');
    }
  });

  // Zod still runs these checks when a date failed its format (that issue is already reported), so
  // comparisons are made only between valid dates. ISO dates compare correctly as strings.
  const { baselineDate, endDate } = file.plan;
  const datesValid = isValidIsoDate(baselineDate) && isValidIsoDate(endDate);
  if (datesValid && baselineDate >= endDate) {
    add(['plan', 'endDate'], `endDate ${endDate} must be after baselineDate ${baselineDate}`);
  }
  const targetCodes = new Map<string, number>();
  file.targets.forEach((target, i) => {
    const earlier = targetCodes.get(target.code);
    if (earlier !== undefined) {
      add(['targets', i, 'code'], `target code "${target.code}" is already used by targets[${earlier}]`);
    } else {
      targetCodes.set(target.code, i);
    }
    const outside = target.deadline <= baselineDate || target.deadline > endDate;
    if (datesValid && isValidIsoDate(target.deadline) && outside) {
      add(
        ['targets', i, 'deadline'],
        `deadline ${target.deadline} must fall after baselineDate and by endDate`,
      );
    }
  });
  file.targets.forEach((target, i) => {
    if (target.partOf === undefined) return;
    if (target.partOf === target.code) {
      add(['targets', i, 'partOf'], 'a target cannot be part of itself');
    } else if (!targetCodes.has(target.partOf)) {
      add(['targets', i, 'partOf'], `unknown target code "${target.partOf}"`);
    }
  });

  return issues;
}

export const planFileSchema = shapeSchema.superRefine((file, ctx) => {
  for (const issue of crossReferenceIssues(file)) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
});

export type PlanFile = z.infer<typeof planFileSchema>;
/** What a file may hold before defaults are filled in (e.g. for tools that write plan files). */
export type PlanFileInput = z.input<typeof planFileSchema>;
export type PlanUnit = PlanFile['units'][number];
export type PlanTarget = PlanFile['targets'][number];
export type PlanSection = PlanFile['sections'][number];
export type PlanTask = PlanFile['tasks'][number];
export type PlanSafeguard = PlanFile['safeguards'][number];

export interface PlanFileIssue {
  /** Where in the file, e.g. `tasks[3].leadUnits[0]`; empty for the file as a whole. */
  path: string;
  message: string;
  /** 1-based line in the YAML text, when the path (or its nearest ancestor) can be located. */
  line?: number;
}

export class PlanFileError extends Error {
  readonly issues: PlanFileIssue[];

  constructor(issues: PlanFileIssue[]) {
    const listed = issues.map(
      (i) => `  ${i.path || '(file)'}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`,
    );
    super(`invalid plan file:\n${listed.join('\n')}`);
    this.name = 'PlanFileError';
    this.issues = issues;
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

function lineOf(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  // The deepest node that exists: a missing key is reported at the mapping that lacks it.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as PathSegment[], true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Parses and checks a plan file; throws PlanFileError listing every problem found. */
export function parsePlanFile(yamlText: string): PlanFile {
  const lineCounter = new LineCounter();
  // The core schema (YAML 1.2) is the default; named here because it is what keeps dates as strings.
  const doc = parseDocument(yamlText, { lineCounter, schema: 'core', uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PlanFileError(
      doc.errors.map((e) => ({
        path: '',
        // prettyErrors appends a code frame after the first line; the line number is kept separately.
        message: `YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
        line: e.linePos?.[0].line,
      })),
    );
  }
  const result = planFileSchema.safeParse(doc.toJS());
  if (!result.success) {
    throw new PlanFileError(
      result.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        message: issue.message,
        line: lineOf(doc, lineCounter, issue.path),
      })),
    );
  }
  return result.data;
}

export interface CollectiveMembers {
  members: string[];
  /** True when the plan says 有关… : the members are candidates, the relevant ones still to be chosen. */
  relevantOnly: boolean;
}

/** The unit codes a unit stands for: a collective's members, or the unit itself. */
export function expandCollective(file: PlanFile, unitCode: string): CollectiveMembers {
  const unit = file.units.find((u) => u.code === unitCode);
  if (!unit) throw new RangeError(`unknown unit code "${unitCode}"`);
  if (unit.kind !== 'collective') return { members: [unit.code], relevantOnly: false };
  const { of, scope, streetsOnly } = unit.collective;
  const members = file.units
    .filter((u) => u.kind === of && !(streetsOnly && u.kind === 'subdistrict' && u.subkind !== 'street'))
    .map((u) => u.code);
  return { members, relevantOnly: scope === 'relevant' };
}

export interface UnitTasks {
  leads: number[];
  /** Tasks the unit is responsible for, named or through a collective (not those it leads). */
  shares: number[];
  /** The part of `shares` reached only through a 有关… collective: the unit may turn out not to be involved. */
  relevantOnly: number[];
}

/** Which tasks a unit leads and which it shares, e.g. a 镇 shares every task given to 各镇街. */
export function tasksOfUnit(file: PlanFile, unitCode: string): UnitTasks {
  if (!file.units.some((u) => u.code === unitCode)) throw new RangeError(`unknown unit code "${unitCode}"`);
  const result: UnitTasks = { leads: [], shares: [], relevantOnly: [] };
  for (const task of file.tasks) {
    if (task.leadUnits.includes(unitCode)) {
      result.leads.push(task.number);
      continue;
    }
    let named = false;
    let viaRelevant = false;
    for (const code of task.responsibleUnits) {
      const { members, relevantOnly } = expandCollective(file, code);
      if (!members.includes(unitCode)) continue;
      if (relevantOnly) viaRelevant = true;
      else named = true;
    }
    if (named || viaRelevant) result.shares.push(task.number);
    if (viaRelevant && !named) result.relevantOnly.push(task.number);
  }
  return result;
}
