// API shapes of the enterprise registry: list filters, the record, create/edit input, import report.
import { z } from 'zod';
import { errorBodySchema, idSchema, isoDateSchema, pageOf } from '../../platform/http/common.contract.ts';
import { fieldCodeSchema, honourKindSchema } from './fields.ts';
import { validateUscc, normalizeUscc } from './uscc.ts';
import { today } from '../../platform/time/date.ts';
import { sheetReadSchema } from '../../platform/files/sheet.contract.ts';

export { fields, honourKinds, fieldCodeSchema, honourKindSchema } from './fields.ts';

export const enterpriseStatuses = ['active', 'movedOut', 'closed'] as const;
export const enterpriseStatusSchema = z.enum(enterpriseStatuses);

/** A USCC: normalised (trimmed, upper-case, half-width), then checked per GB 32100-2015. */
export const usccSchema = z
  .string()
  .transform((s) => normalizeUscc(s))
  .superRefine((s, ctx) => {
    const r = validateUscc(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { reason: r.reason } });
  });

export const honourSchema = z.object({
  kind: honourKindSchema,
  awardedOn: isoDateSchema,
  source: z.string().trim().min(1).max(200),
});
export type Honour = z.infer<typeof honourSchema>;

/** Only judged for well-formed dates: a malformed one is reported once, as malformed. "Today" is Shanghai's. */
const notFuture = (d: string) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || d <= today(new Date());

/**
 * A mainland phone number as offices write it: a mobile (11 digits from 13–19), or a landline with its area code
 * (023-68000000, 02368000000, (023)68000000) and an optional extension, or a bare 7–8 digit local number; +86 in
 * front is allowed; spaces and hyphens between groups are ignored. `1234` is not a phone number.
 */
export function isPhoneNumber(raw: string): boolean {
  const v = raw.replace(/[\s-]/g, '').replace(/^\((0\d{2,3})\)/, '$1');
  const national = v.replace(/^(?:\+86|0086)/, '');
  return (
    /^1[3-9]\d{9}$/.test(national) || /^(?:0\d{2,3})?[2-9]\d{6,7}(?:(?:转|ext|#)\d{1,6})?$/.test(national)
  );
}

export const enterpriseInputSchema = z
  .object({
    uscc: usccSchema,
    name: z.string().trim().min(2, '企业名称至少2个字').max(200),
    registrationDate: isoDateSchema.refine(notFuture, '注册日期不能晚于今天'),
    subdistrictId: idSchema,
    buildingId: idSchema.nullable().default(null),
    address: z.string().trim().max(300).default(''),
    fields: z.array(fieldCodeSchema).max(20).default([]),
    aboveScale: z.boolean().default(false),
    status: enterpriseStatusSchema.default('active'),
    /** 入驻日期: when it came to the district; defaults to the registration date. */
    settledOn: isoDateSchema.nullable().default(null),
    /** 迁出/注销日期: required when the status is movedOut or closed. */
    leftOn: isoDateSchema.nullable().default(null),
    contactPerson: z.string().trim().max(50).default(''),
    contactPhone: z
      .string()
      .trim()
      .max(30)
      .refine((v) => v === '' || isPhoneNumber(v), '电话号码格式不正确：手机号11位，固话如 023-68000000')
      .default(''),
    honours: z.array(honourSchema).max(50).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.status !== 'active' && !v.leftOn) {
      ctx.addIssue({ code: 'custom', path: ['leftOn'], message: '迁出或注销的企业须填写迁出/注销日期' });
    }
    if (v.status === 'active' && v.leftOn) {
      ctx.addIssue({ code: 'custom', path: ['leftOn'], message: '在营企业不应有迁出/注销日期' });
    }
    if (v.settledOn && v.settledOn < v.registrationDate) {
      ctx.addIssue({ code: 'custom', path: ['settledOn'], message: '入驻日期不能早于注册日期' });
    }
    if (v.leftOn && v.leftOn < (v.settledOn ?? v.registrationDate)) {
      ctx.addIssue({ code: 'custom', path: ['leftOn'], message: '迁出/注销日期不能早于入驻日期' });
    }
  });
export type EnterpriseInput = z.input<typeof enterpriseInputSchema>;
export type EnterpriseValues = z.output<typeof enterpriseInputSchema>;

export const buildingRefSchema = z.object({ id: idSchema, code: z.string(), name: z.string() });

export const enterpriseListItemSchema = z.object({
  id: idSchema,
  uscc: z.string(),
  name: z.string(),
  registrationDate: z.string(),
  subdistrict: z.object({ id: idSchema, name: z.string() }),
  building: buildingRefSchema.nullable(),
  fields: z.array(z.string()),
  aboveScale: z.boolean(),
  status: enterpriseStatusSchema,
  honourKinds: z.array(z.string()),
});
export type EnterpriseListItem = z.infer<typeof enterpriseListItemSchema>;

export const enterpriseSchema = enterpriseListItemSchema.extend({
  address: z.string(),
  contactPerson: z.string(),
  contactPhone: z.string(),
  settledOn: z.string(),
  leftOn: z.string().nullable(),
  honours: z.array(honourSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Enterprise = z.infer<typeof enterpriseSchema>;

/** GET /api/enterprises/:id/contact: the contact in full (an audited read). */
export const enterpriseContactSchema = z.object({ contactPerson: z.string(), contactPhone: z.string() });
export type EnterpriseContact = z.infer<typeof enterpriseContactSchema>;

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const enterpriseListQuerySchema = z.object({
  /** Matches name or USCC (substring). */
  q: z.string().trim().max(100).optional(),
  subdistrictId: idSchema.optional(),
  buildingId: idSchema.optional(),
  field: fieldCodeSchema.optional(),
  honour: honourKindSchema.optional(),
  aboveScale: boolQuery.optional(),
  status: enterpriseStatusSchema.optional(),
  registeredFrom: isoDateSchema.optional(),
  registeredTo: isoDateSchema.optional(),
  sort: z.enum(['name', '-name', 'registrationDate', '-registrationDate']).default('name'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type EnterpriseListQuery = z.input<typeof enterpriseListQuerySchema>;
export const enterprisePageSchema = pageOf(enterpriseListItemSchema);

export const buildingSchema = buildingRefSchema.extend({
  kind: z.enum(['building', 'park']),
  subdistrictId: idSchema,
  address: z.string(),
  totalArea: z.number().int(),
  enterpriseCount: z.number().int(),
});
export const buildingListSchema = z.object({ items: z.array(buildingSchema) });

export const importRowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;
/** One cell an import row changes: the column, and the registered and the new value in the sheet's words. */
export const importChangeSchema = z.object({ column: z.string(), before: z.string(), after: z.string() });
export type ImportChange = z.infer<typeof importChangeSchema>;

export const importResultSchema = z.object({
  /** New enterprises (or, in a preview, that would be). */
  created: z.number().int(),
  /** Registered enterprises changed. */
  updated: z.number().int(),
  /** Rows identical to the registry: not written. */
  unchanged: z.number().int(),
  rows: z.number().int(),
  /** True when nothing was written: the answer says what the import would do. */
  preview: z.boolean(),
  /** Per column, how many registered enterprises it changes and how many it clears (清空). */
  columns: z.array(z.object({ column: z.string(), changed: z.number().int(), cleared: z.number().int() })),
  /** The first rows that create or change an enterprise, with what they change. */
  rowChanges: z.array(
    z.object({
      row: z.number().int(),
      uscc: z.string(),
      name: z.string(),
      created: z.boolean(),
      changes: z.array(importChangeSchema),
    }),
  ),
  /** Where the data was read: sheet, header row, hidden rows, a .csv's encoding. */
  file: sheetReadSchema.optional(),
});
export type ImportOutcome = z.infer<typeof importResultSchema>;
export const enterpriseImportQuerySchema = z.object({
  /** Only say what the import would do; write nothing (the page shows it and asks to confirm). */
  preview: z.stringbool().default(false),
});
export const importFailureSchema = z.object({
  code: z.literal('IMPORT_INVALID'),
  message: z.string(),
  errors: z.array(importRowErrorSchema),
});
export const templateQuerySchema = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

/** 409 on create or edit: the USCC is registered already; `existingId` only when the caller may read that record. */
export const duplicateUsccErrorSchema = errorBodySchema.extend({ existingId: idSchema.optional() });
