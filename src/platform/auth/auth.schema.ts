// Accounts, server-side sessions and login throttling, all in PostgreSQL so instances share them.
import {
  pgTable,
  text,
  uuid,
  boolean,
  timestamp,
  primaryKey,
  uniqueIndex,
  index,
  foreignKey,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { districtId, createdAt, updatedAt, districtRowKey, districtPrimaryKey } from '../db/columns.ts';

export const users = pgTable(
  'users',
  {
    ...districtRowKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    unitId: uuid('unit_id'),
    enterpriseId: uuid('enterprise_id'),
    /** The carrier operator (运营机构) an operator account acts for. */
    operatorId: uuid('operator_id'),
    disabled: boolean('disabled').notNull().default(false),
    /** 单位负责人: a unit-bound user its unit's 督办单 are addressed to (the unit's inbox when it has none). */
    unitHead: boolean('unit_head').notNull().default(false),
    /** Set on an account created or reset by an administrator: every API call but the change itself answers 403. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [districtPrimaryKey(t), uniqueIndex('users_username').on(t.districtId, t.username)],
);

export const sessions = pgTable(
  'sessions',
  {
    districtId: districtId(),
    /** sha256 of the cookie token: a leaked table does not leak live sessions. */
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    userAgent: text('user_agent'),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.tokenHash] }),
    index('sessions_token').on(t.tokenHash),
    foreignKey({ columns: [t.districtId, t.userId], foreignColumns: [users.districtId, users.id] }).onDelete(
      'cascade',
    ),
  ],
);

export const loginFailures = pgTable(
  'login_failures',
  {
    ...districtRowKey(),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    districtPrimaryKey(t),
    index('login_failures_user').on(t.districtId, t.username, t.at),
    index('login_failures_ip').on(t.districtId, t.ip, t.at),
  ],
);

/**
 * 忘记密码: a request filed from the login page for an existing account, decided by an administrator (approve: a new
 * initial password delivered through the notification adapters; reject). One pending request per account.
 */
export const passwordResetRequests = pgTable(
  'password_reset_requests',
  {
    ...districtRowKey(),
    userId: uuid('user_id').notNull(),
    ip: text('ip').notNull(),
    status: text('status').notNull().default('pending'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
  },
  (t) => [
    districtPrimaryKey(t),
    index('password_reset_requests_status').on(t.districtId, t.status, t.requestedAt),
    uniqueIndex('password_reset_requests_pending')
      .on(t.districtId, t.userId)
      .where(sql`status = 'pending'`),
    foreignKey({ columns: [t.districtId, t.userId], foreignColumns: [users.districtId, users.id] }).onDelete(
      'cascade',
    ),
  ],
);
