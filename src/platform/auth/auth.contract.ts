// API shapes of login, the current session and user management.
import { z } from 'zod';
import { idSchema } from '../http/common.contract.ts';

/**
 * plan office administrator · department user · subdistrict user · enterprise user · building operator (专业运营机构:
 * keeps its own buildings' units, occupancy and free workstations current). The public has no account.
 */
export const roles = ['admin', 'department', 'subdistrict', 'enterprise', 'operator'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/**
 * What an account of each role is bound to: nothing (the plan office), a district department (or the office, a
 * state-owned group), a subdistrict (镇街), one enterprise, or one carrier operator (运营机构). Account forms and checks read this, not the role.
 */
export const roleBinding = {
  admin: null,
  department: 'department',
  subdistrict: 'subdistrict',
  enterprise: 'enterprise',
  operator: 'operator',
} as const satisfies Record<Role, 'department' | 'subdistrict' | 'enterprise' | 'operator' | null>;

export const sessionUserSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  districtId: z.string(),
  districtName: z.string(),
  unitId: idSchema.nullable(),
  unitName: z.string().nullable(),
  enterpriseId: idSchema.nullable(),
  enterpriseName: z.string().nullable(),
  /** The carrier operator (运营机构) an operator account acts for. */
  operatorId: idSchema.nullable(),
  operatorName: z.string().nullable(),
  /** An account created or reset by an administrator: until the password is changed, only that is allowed. */
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginBodySchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const meResponseSchema = z.object({ user: sessionUserSchema.nullable() });

export const usernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[a-zA-Z0-9_.@-]+$/, '用户名只能包含字母、数字和 _ . @ -');
/** Length here; the common-password check is the server's (passwordProblem in password.ts). */
export const passwordSchema = z.string().min(12, '密码至少12位').max(256);

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordSchema,
});

/** 忘记密码: the username only; the answer is the same whether or not it exists. */
export const resetRequestBodySchema = z.object({ username: z.string().trim().min(1).max(64) });

export const userSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  unitId: idSchema.nullable(),
  unitName: z.string().nullable(),
  enterpriseId: idSchema.nullable(),
  enterpriseName: z.string().nullable(),
  operatorId: idSchema.nullable(),
  operatorName: z.string().nullable(),
  disabled: z.boolean(),
  /** 单位负责人 (department and subdistrict users): 督办单 are addressed to them. */
  unitHead: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

const userBinding = {
  role: roleSchema,
  /** Required for department and subdistrict users: the unit they act for. */
  unitId: idSchema.nullable().default(null),
  /** Required for enterprise users: the one enterprise they act for. */
  enterpriseId: idSchema.nullable().default(null),
  /** Required for operator users: the carrier operator (运营机构) they act for. */
  operatorId: idSchema.nullable().default(null),
  /** 单位负责人: only for users bound to a unit. */
  unitHead: z.boolean().default(false),
};

export const createUserBodySchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(100),
  password: passwordSchema,
  ...userBinding,
});
export const updateUserBodySchema = z.object({
  displayName: z.string().trim().min(1).max(100),
  ...userBinding,
  disabled: z.boolean().default(false),
  /** Set to reset the password; omitted keeps it. */
  password: passwordSchema.optional(),
});
export const userListSchema = z.object({ items: z.array(userSchema) });

/** A pending 忘记密码 request, as administrators see it (the address partly masked). */
export const resetRequestSchema = z.object({
  id: idSchema,
  userId: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  requestedAt: z.string(),
  ip: z.string(),
  /** Whether a new password can be delivered (the account's enterprise has a mobile number on file). */
  reachable: z.boolean(),
});
export type ResetRequest = z.infer<typeof resetRequestSchema>;
export const resetRequestListSchema = z.object({ items: z.array(resetRequestSchema) });
export const resetDecisionSchema = z.object({ delivered: z.number().int() });

/** Bulk creation of enterprise accounts: some enterprises by id, or every enterprise without an account. */
export const MAX_BULK_ACCOUNTS = 500;
export const bulkEnterpriseAccountsBodySchema = z
  .object({
    enterpriseIds: z.array(idSchema).max(MAX_BULK_ACCOUNTS).optional(),
    all: z.boolean().optional(),
  })
  .refine((b) => b.all === true || (b.enterpriseIds?.length ?? 0) > 0, {
    message: '请选择企业，或选择全部',
    path: ['enterpriseIds'],
  });
export const skipReasons = ['hasAccount', 'usernameTaken', 'unreachable', 'notFound', 'inactive'] as const;
export const skipReasonSchema = z.enum(skipReasons);
export const bulkEnterpriseAccountsResultSchema = z.object({
  created: z.array(
    z.object({
      enterpriseId: idSchema,
      name: z.string(),
      username: z.string(),
      userId: idSchema,
      /** Messages the adapters accepted (0: not delivered; reset it later). */
      delivered: z.number().int(),
    }),
  ),
  skipped: z.array(
    z.object({ enterpriseId: idSchema, name: z.string().nullable(), reason: skipReasonSchema }),
  ),
  /** Enterprises that could have had an account but exceeded this request's MAX_BULK_ACCOUNTS (ask again). */
  remaining: z.number().int(),
});
export type BulkEnterpriseAccountsResult = z.infer<typeof bulkEnterpriseAccountsResultSchema>;
/** An enterprise of the registry without an account: what the bulk form lists. */
export const accountCandidateSchema = z.object({
  enterpriseId: idSchema,
  name: z.string(),
  uscc: z.string(),
  subdistrictName: z.string().nullable(),
  reachable: z.boolean(),
});
export const accountCandidateListSchema = z.object({ items: z.array(accountCandidateSchema) });
