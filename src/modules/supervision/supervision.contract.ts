// API shapes of 督查督办: work items, progress reports, attachments, 我的待办, task roll-up, ledger import.
import { z } from 'zod';
import { attachmentSchema } from '../../platform/files/attachments.contract.ts';
import { idSchema, isoDateSchema, pageOf, pageQuerySchema } from '../../platform/http/common.contract.ts';
import { periodSchema } from '../../platform/time/period.ts';
import { sheetReadSchema } from '../../platform/files/sheet.contract.ts';
import {
  colours,
  declaredStatuses,
  itemKinds,
  itemSources,
  itemStates,
  reportStates,
  noticeLevels,
  noticeStates,
} from './supervision.kinds.ts';

const text = (max: number) => z.string().trim().max(max);

export const itemInputSchema = z.object({
  /** The key task's number (1–22); null only for a meeting's or an instruction's item no task owns. */
  taskNumber: z.number().int().min(1).max(999).nullable(),
  title: text(300).min(1, '请填写举措'),
  ownerUnitId: idSchema,
  responsiblePeople: text(200).default(''),
  startDate: isoDateSchema,
  dueDate: isoDateSchema,
  kind: z.enum(itemKinds).default('milestone'),
  goalQuantity: z.number().positive().max(1e12).nullable().default(null),
  goalUnit: text(20).nullable().default(null),
  targetCodes: z.array(z.string().max(64)).max(20).default([]),
  evidence: text(500).default(''),
  source: z.enum(itemSources).default('task'),
  sourceRef: text(300).default(''),
  cadenceMonths: z.number().int().min(1).max(12).default(1),
  weight: z.number().int().min(1).max(100).default(1),
  state: z.enum(itemStates).default('open'),
  declaredStatus: z.enum(declaredStatuses).nullable().default(null),
});
export type ItemInput = z.infer<typeof itemInputSchema>;

export const statusSchema = z.object({
  colour: z.enum(colours).nullable(),
  expected: z.number(),
  reported: z.number().nullable(),
  reason: z.string(),
  overdueWorkingDays: z.number().int().nullable(),
  dueInWorkingDays: z.number().int().nullable(),
  dueSoon: z.boolean(),
  provisional: z.boolean(),
  contradiction: z
    .object({ declared: z.enum(declaredStatuses), declaredColour: z.enum(colours), text: z.string() })
    .nullable(),
});

const unitRefSchema = z.object({ id: idSchema, name: z.string(), kind: z.string() });

/** A report's attachment: the platform's attachment view. */
export { attachmentSchema };

export const reportSchema = z.object({
  id: idSchema,
  itemId: idSchema,
  period: z.string(),
  version: z.number().int(),
  progress: z.string(),
  quantityDone: z.number().nullable(),
  percent: z.number().int().nullable(),
  problems: z.string(),
  nextSteps: z.string(),
  needsCoordination: z.boolean(),
  state: z.enum(reportStates),
  returnReason: z.string().nullable(),
  origin: z.string(),
  submittedByLabel: z.string(),
  submittedAt: z.string(),
  reviewedByLabel: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  attachments: z.array(attachmentSchema),
});
export type ReportView = z.infer<typeof reportSchema>;

export const itemSchema = z.object({
  id: idSchema,
  number: z.number().int(),
  task: z.object({ number: z.number().int(), title: z.string() }).nullable(),
  leadUnits: z.array(unitRefSchema),
  owner: unitRefSchema,
  title: z.string(),
  responsiblePeople: z.string(),
  startDate: z.string(),
  dueDate: z.string(),
  kind: z.enum(itemKinds),
  goalQuantity: z.number().nullable(),
  goalUnit: z.string().nullable(),
  targetCodes: z.array(z.string()),
  evidence: z.string(),
  source: z.enum(itemSources),
  sourceRef: z.string(),
  /** The dispatch meeting whose decision made the item (source 'meeting'). */
  meetingId: idSchema.nullable(),
  cadenceMonths: z.number().int(),
  weight: z.number().int(),
  state: z.enum(itemStates),
  declaredStatus: z.enum(declaredStatuses).nullable(),
  status: statusSchema,
  /** The latest report that stands (not returned), for the ledger's 进展情况 / 存在问题 / 下步计划. */
  latestReport: z
    .object({
      id: idSchema,
      period: z.string(),
      version: z.number().int(),
      state: z.enum(reportStates),
      progress: z.string(),
      problems: z.string(),
      nextSteps: z.string(),
    })
    .nullable(),
  /** Whether the signed-in user may edit the item and report on it. */
  editable: z.boolean(),
  updatedAt: z.string(),
});
export type ItemView = z.infer<typeof itemSchema>;

export const itemListQuerySchema = pageQuerySchema.extend({
  unitId: idSchema.optional(),
  taskNumber: z.coerce.number().int().min(1).optional(),
  colour: z.enum(colours).optional(),
  state: z.enum(itemStates).optional(),
});
export const itemPageSchema = pageOf(itemSchema);

// 督办单 (supervision notices), colour history, section roll-up and the public task colours.

export const noticeSchema = z.object({
  id: idSchema,
  item: z.object({
    id: idSchema,
    number: z.number().int(),
    title: z.string(),
    dueDate: z.string(),
    task: z.object({ number: z.number().int(), title: z.string() }).nullable(),
  }),
  level: z.enum(noticeLevels),
  previousId: idSchema.nullable(),
  state: z.enum(noticeStates),
  origin: z.enum(['rule', 'manual']),
  unit: unitRefSchema,
  issuedOn: z.string(),
  issuedAt: z.string(),
  issuedByLabel: z.string(),
  reason: z.string(),
  evidence: z.string(),
  responseDue: z.string(),
  /** The response date passed without the unit's 整改情况. */
  responseLate: z.boolean(),
  acknowledgedByLabel: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  remediation: z.string().nullable(),
  respondedByLabel: z.string().nullable(),
  respondedAt: z.string().nullable(),
  closedByLabel: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  /** What the signed-in user may do with it now. */
  actions: z.object({ acknowledge: z.boolean(), respond: z.boolean(), close: z.boolean() }),
});
export type NoticeView = z.infer<typeof noticeSchema>;

export const noticeListQuerySchema = pageQuerySchema.extend({
  level: z.enum(noticeLevels).optional(),
  /** A notice's state; `open` = in force (issued, acknowledged or responded). */
  state: z.enum([...noticeStates, 'open']).optional(),
  unitId: idSchema.optional(),
  itemId: idSchema.optional(),
});
export const noticePageSchema = pageOf(noticeSchema);
export const noticeDetailSchema = z.object({
  notice: noticeSchema,
  /** Every level of this case, the first (blue) first: the ladder as it was climbed. */
  chain: z.array(noticeSchema),
});
export const issueNoticeBodySchema = z.object({
  /** Default: blue for an item without a notice in force, else the next level. */
  level: z.enum(noticeLevels).optional(),
  reason: text(1000).optional(),
});
export const respondBodySchema = z.object({ remediation: text(4000).min(1, '请填写整改情况') });
export const closeBodySchema = z.object({ note: text(1000).default('') });

export const colourPointSchema = z.object({
  day: z.string(),
  colour: z.enum(colours),
  expected: z.number(),
  reported: z.number().nullable(),
  reason: z.string(),
});

export const escalateResultSchema = z.object({
  asOf: z.string(),
  reminders: z.number().int(),
  issued: z.number().int(),
  escalated: z.number().int(),
  colourChanges: z.number().int(),
});

export const itemDetailSchema = z.object({
  item: itemSchema,
  /** Every version of every period, newest first. */
  reports: z.array(reportSchema),
  /** Every 督办单 of the item, newest first (each level its own). */
  notices: z.array(noticeSchema),
  /** The computed colour over time, as the daily job recorded its changes, oldest first. */
  colourHistory: z.array(colourPointSchema),
});

export const reportBodySchema = z.object({
  period: periodSchema,
  progress: text(4000).min(1, '请填写进展情况'),
  quantityDone: z.number().min(0).max(1e12).nullable().default(null),
  percent: z.number().int().min(0).max(100).nullable().default(null),
  problems: text(4000).default(''),
  nextSteps: text(4000).default(''),
  needsCoordination: z.boolean().default(false),
  declaredStatus: z.enum(declaredStatuses).nullable().optional(),
});
export type ReportBody = z.infer<typeof reportBodySchema>;

export const returnBodySchema = z.object({ reason: text(1000).min(1, '请填写退回原因') });

export const todoItemSchema = itemSchema.extend({
  /** due: a report is wanted this period · overdue: past its due date and not done · returned: sent back. */
  why: z.array(z.enum(['due', 'overdue', 'returned'])),
  /** The period of the returned report to resubmit, when one is. */
  returnedPeriod: z.string().nullable(),
});
export const todoSchema = z.object({ period: z.string(), asOf: z.string(), items: z.array(todoItemSchema) });

export const sectionRollupSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  tasks: z.number().int(),
  colour: z.enum(colours).nullable(),
  expected: z.number().nullable(),
  reported: z.number().nullable(),
  reason: z.string(),
});

export const rollupTaskSchema = z.object({
  number: z.number().int(),
  section: z.number().int(),
  title: z.string(),
  leadUnits: z.array(unitRefSchema),
  items: z.number().int(),
  colour: z.enum(colours).nullable(),
  expected: z.number().nullable(),
  reported: z.number().nullable(),
  counts: z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() }),
  reason: z.string(),
});
export const rollupSchema = z.object({
  asOf: z.string(),
  tasks: z.array(rollupTaskSchema),
  /** The plan's sections (板块) from their tasks, each task weighing the same. */
  sections: z.array(sectionRollupSchema),
});

export const ledgerImportQuerySchema = z.object({
  preview: z.stringbool().default(false),
});
export const ledgerImportResultSchema = z.object({
  preview: z.boolean(),
  file: sheetReadSchema,
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows whose 进展情况 / 存在问题 / 下步计划 differ from the latest report: a new report version each. */
  reports: z.number().int(),
});
export type LedgerImportResult = z.infer<typeof ledgerImportResultSchema>;

/** What the public sees: tasks and sections, their colour and progress — nothing below task level. */
export const publicTaskColoursSchema = z.object({
  asOf: z.string(),
  sections: z.array(sectionRollupSchema),
  tasks: z.array(
    z.object({
      number: z.number().int(),
      section: z.number().int(),
      title: z.string(),
      colour: z.enum(colours).nullable(),
      expected: z.number().nullable(),
      reported: z.number().nullable(),
    }),
  ),
});

const workingDays = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}须为整数个工作日`)
    .min(0, `${label}不能为负`)
    .max(60, `${label}不超过 60 个工作日`);
const points = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}须为整数`)
    .min(1, `${label}至少 1 个百分点`)
    .max(100, `${label}不超过 100 个百分点`);

/** The district's status thresholds (亮灯阈值) and ladder settings (督办时限), as the plan office edits them. */
export const supervisionSettingsSchema = z
  .object({
    thresholds: z.object({
      yellowBehindPoints: points('黄灯阈值'),
      redBehindPoints: points('红灯阈值'),
      dueSoonWorkingDays: workingDays('临期提示'),
    }),
    ladder: z.object({
      reminderWorkingDays: workingDays('到期前提醒'),
      yellowAfterWorkingDays: workingDays('蓝色升黄色时限').min(1, '蓝色升黄色时限至少 1 个工作日'),
      redAfterWorkingDays: workingDays('黄色升红色时限').min(1, '黄色升红色时限至少 1 个工作日'),
      responseWorkingDays: workingDays('反馈时限').min(1, '反馈时限至少 1 个工作日'),
      reissueAfterWorkingDays: workingDays('销号后再次督办间隔'),
    }),
  })
  .superRefine((s, ctx) => {
    if (s.thresholds.redBehindPoints <= s.thresholds.yellowBehindPoints)
      ctx.addIssue({
        code: 'custom',
        path: ['thresholds', 'redBehindPoints'],
        message: '红灯阈值须大于黄灯阈值',
      });
  });
export type SupervisionSettings = z.infer<typeof supervisionSettingsSchema>;
export const supervisionSettingsViewSchema = supervisionSettingsSchema.and(
  z.object({
    /** True while the district runs on the defaults (no row saved). */
    isDefault: z.boolean(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
  }),
);
