// What a log line may hold: secrets and personal data are redacted by name, errors lose the values they carry, and
// any phone or ID number left in a free text is masked in the written line. Every line logged while a request is
// handled carries its request id (`reqId`).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

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
  'contactPerson',
  'legalPerson',
  'idNumber',
  'idCard',
  'idCardNumber',
  'mobile',
  'email',
  'to',
  'secret',
  'apiKey',
  'set-cookie',
  'x-api-key',
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

/** The header a request id comes in and goes back out in. */
export const REQUEST_ID_HEADER = 'x-request-id';
const saneRequestId = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * A request's id: the caller's `x-request-id` when it is a sane token (≤ 64 of [A-Za-z0-9._-], so a proxy's id
 * follows the request through), else a fresh UUID — never a header that could forge or flood a log line.
 */
export function requestId(raw: IncomingMessage): string {
  const given = raw.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && saneRequestId.test(given) ? given : randomUUID();
}

/** The id of the request being handled, for lines logged through a logger that is not the request's own. */
export const requestContext = new AsyncLocalStorage<string>();

/** pino's mixin: a line logged during a request through another logger (deps.logger, the app's) gets its reqId. */
export function requestIdMixin(
  _obj: object,
  _level: number,
  logger: { bindings(): Record<string, unknown> },
) {
  const id = requestContext.getStore();
  if (id === undefined || logger.bindings().reqId !== undefined) return {};
  return { reqId: id };
}

/** Paths polled by load balancers and scrapers: their request lines are logged at debug, not info. */
export const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
const quiet = (req: FastifyRequest) => QUIET_PATHS.has((req.url ?? '').split('?')[0]!);

/** Fastify's request lines ("incoming request", "request completed"), at debug for the quiet paths. */
export class PlatformLogController extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply) {
    if (quiet(request)) request.log.debug({ req: request }, 'incoming request');
    else super.incomingRequest(request, reply);
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (quiet(request) && !error)
      reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
    else super.requestCompleted(error, request, reply);
  }
}

/**
 * Personal numbers in free text that no field name gives away (a note, a message, a search): mainland mobile
 * numbers (11 digits, 13–19…) and resident ID numbers (17 digits and a check digit or X), standing alone.
 */
const personalNumbers = /(?<![0-9A-Za-z])(?:1[3-9][0-9]{9}|[0-9]{17}[0-9Xx])(?![0-9A-Za-z])/g;

/** Masks the personal numbers in one serialized log line. */
export function scrubLine(line: string): string {
  return line.replace(personalNumbers, '[redacted]');
}

/** Where log lines go: standard output, a test's Writable, a rolling log file. */
export interface LogDestination {
  write(line: string): unknown;
}

/** A log destination that masks personal numbers in every line before it reaches `dest`. */
export function scrubbing(dest: LogDestination): { write(line: string): boolean } {
  return {
    write(line: string) {
      dest.write(scrubLine(line));
      return true;
    },
  };
}
