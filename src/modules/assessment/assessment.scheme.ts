// The default assessment scheme (示例方案) derived from the plan, pure: one 目标完成计分 line per plan target for
// its owner units, one 任务推进 line per key task for its lead units (the weighted completion of their work items
// against 序时进度), 争先进位 among the subdistricts, deductions for overdue items, late or returned reports and
// overdue 督办单, and a bonus line. An example for the office to edit, not the district's adopted scheme.
import type { Indicator, SchemeInput } from './assessment.contract.ts';

export interface PlanShape {
  targets: { code: string; name: string }[];
  tasks: { number: number; title: string }[];
}

export function defaultScheme(year: number, plan: PlanShape): SchemeInput {
  const targets: Indicator[] = plan.targets.map((t) => ({
    code: `target.${t.code}`,
    name: `${t.name}完成情况`,
    points: 5,
    method: { kind: 'targetScoring', below: 'proportional', threshold: 0.6 },
    feed: { kind: 'targetResult', targetCode: t.code },
    appliesTo: 'lead',
  }));
  const tasks: Indicator[] = [...plan.tasks]
    .sort((a, b) => a.number - b.number)
    .map((t) => ({
      code: `task.${t.number}`,
      name: `重点任务${t.number}推进情况（${t.title}）`,
      points: 5,
      method: { kind: 'targetScoring', below: 'proportional' },
      feed: { kind: 'itemCompletion', taskNumber: t.number },
      appliesTo: 'lead',
    }));
  const common: Indicator[] = [
    {
      code: 'items.all',
      name: '工作举措序时推进',
      points: 20,
      method: { kind: 'targetScoring', below: 'proportional' },
      feed: { kind: 'itemCompletion' },
      appliesTo: 'departments',
    },
    {
      code: 'race.subdistricts',
      name: '镇街赛马比拼（工作举措推进）',
      points: 20,
      method: { kind: 'rankScoring', floor: 10 },
      feed: { kind: 'itemCompletion' },
      appliesTo: 'subdistricts',
    },
    {
      code: 'deduct.overdue',
      name: '逾期未完成工作举措',
      points: 0,
      method: { kind: 'deduction', per: 1, cap: 5 },
      feed: { kind: 'overdueItems' },
      appliesTo: 'all',
      noun: '逾期举措',
      unit: '项',
    },
    {
      code: 'deduct.reports',
      name: '进展报送不及时或被退回',
      points: 0,
      method: { kind: 'deduction', per: 0.5, cap: 3 },
      feed: { kind: 'lateReports' },
      appliesTo: 'all',
      noun: '迟报、漏报或退回的进展',
      unit: '次',
    },
    {
      code: 'deduct.notices',
      name: '逾期未办结督办单',
      points: 0,
      method: { kind: 'deduction', per: 1, cap: 5 },
      feed: { kind: 'supervisionNotices' },
      appliesTo: 'all',
      noun: '逾期督办单',
      unit: '件',
    },
    {
      code: 'bonus',
      name: '加分事项（创新举措、上级肯定等）',
      points: 0,
      method: { kind: 'bonus', per: 1, cap: 5 },
      feed: { kind: 'bonusItems' },
      appliesTo: 'all',
      noun: '加分事项',
      unit: '项',
    },
  ];
  return {
    title: `${year}年度“满天星”行动计划推进成效考核方案（示例方案）`,
    example: true,
    reportDeadlineDay: 5,
    indicators: [...targets, ...tasks, ...common],
  };
}
