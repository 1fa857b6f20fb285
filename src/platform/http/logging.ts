// What a log line may hold: secrets and personal data are redacted by name, errors lose the values they carry.
import type { FastifyRequest } from 'fastify';

/** Names of fields that hold secrets or personal data, wherever they appear (up to three levels deep). */
const sensitive = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'password_hash',
  'token',
  'tokenHash',
  'cookie',
  'authorization',
  'phone',
  'contactPhone',
  'contactName',
  'contact',
  'contacts',
  'filerContact',
  'filerName',
  'idNumber',
  'email',
  'to',
];

export const redactPaths = sensitive.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

interface ErrorLike {
  name?: string;
  message?: string;
  stack?: string;
  code?: unknown;
  statusCode?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  query?: unknown;
  cause?: unknown;
}

/**
 * Drizzle's query error puts every bound parameter in its message ("params: …") and PostgreSQL's `detail` repeats
 * the failing row; a message such as `invalid input syntax for type uuid: "…"` quotes the input. Keep the kind of
 * failure, the SQLSTATE, the constraint and where it happened — never a value.
 */
export function safeMessage(message: string | undefined): string {
  if (!message) return '';
  return message
    .replace(/\nparams:[\s\S]*$/, '')
    .replace(/:\s*"[\s\S]*"/g, ': "[redacted]"')
    .replace(/\(([^)]*)\)=\([^)]*\)/g, '($1)=([redacted])');
}

export interface SafeError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

export function serializeError(value: unknown, depth = 0): SafeError {
  if (value === null || typeof value !== 'object')
    return { type: typeof value, message: safeMessage(String(value)), stack: '' };
  const err = value as ErrorLike;
  const out: SafeError = { type: err.name ?? 'Error', message: safeMessage(err.message), stack: '' };
  for (const k of ['code', 'statusCode', 'constraint', 'table', 'column'] as const) {
    if (err[k] !== undefined) out[k] = err[k];
  }
  if (typeof err.query === 'string') out.query = err.query;
  if (typeof err.stack === 'string') {
    out.stack = err.stack
      .split('\n')
      .filter((l) => /^\s+at /.test(l))
      .join('\n');
  }
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

/** The request as a log line shows it: no query string (searches carry names and phone numbers), no headers. */
export function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: (req.url ?? '').split('?')[0],
    remoteAddress: req.ip,
  };
}
