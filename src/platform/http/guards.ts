// Request guards every route shares: strings PostgreSQL cannot store, cross-site writes, browser security headers.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './errors.ts';

/** U+0000, or a UTF-16 surrogate without its partner: PostgreSQL's text refuses both, so they never reach it. */
// eslint-disable-next-line no-control-regex -- matching U+0000 is the point
const badString = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Paths of every string (and object key) in a parsed body, query or params that contains a bad character. */
export function badStringPaths(
  value: unknown,
  prefix: string,
  out: FieldError[] = [],
  depth = 0,
): FieldError[] {
  if (out.length >= 20 || depth > 32) return out;
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  if (typeof value === 'string') {
    if (badString.test(value))
      out.push({ path: prefix || '(body)', message: '不能包含空字符或无效的 Unicode 字符' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => badStringPaths(v, at(String(i)), out, depth + 1));
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (badString.test(k)) out.push({ path: at(k.replace(badString, '?')), message: '字段名无效' });
      else badStringPaths(v, at(k), out, depth + 1);
    }
  }
  return out;
}

/** preValidation: one place for every body, query and path parameter of every route. */
export async function refuseBadStrings(req: FastifyRequest): Promise<void> {
  const fields = [
    ...badStringPaths(req.body, ''),
    ...badStringPaths(req.query, 'query'),
    ...badStringPaths(req.params, 'params'),
  ];
  if (fields.length > 0) throw new AppError('VALIDATION', undefined, fields);
}

const withoutDefaultPort = (host: string) => host.toLowerCase().replace(/:(80|443)$/, '');

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * onRequest: a state-changing API call must be JSON (multipart only on upload routes) and, when the browser names an
 * origin, come from this site. A cross-site page can send text/plain, urlencoded or multipart without a preflight,
 * but never application/json; Origin and Sec-Fetch-Site catch what a content type alone would not.
 */
export async function refuseCrossSiteWrites(req: FastifyRequest): Promise<void> {
  if (!writeMethods.has(req.method) || !req.url.startsWith('/api/')) return;
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') throw new AppError('FORBIDDEN', '不接受跨站请求');
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host === undefined || withoutDefaultPort(host) !== withoutDefaultPort(req.host))
      throw new AppError('FORBIDDEN', '不接受跨站请求');
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const consumes = (req.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes;
  const allowed = consumes?.includes('multipart/form-data')
    ? ['multipart/form-data', 'application/json']
    : ['application/json'];
  if (!allowed.includes(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 application/json 提交', [
      { path: 'content-type', message: `需要 ${allowed.join(' 或 ')}` },
    ]);
  }
}

/**
 * The web app loads only its own scripts; Ant Design injects <style> at run time (so inline styles stay allowed) and
 * ECharts draws exported images from data:/blob: URLs.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export async function securityHeaders(_req: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  // Swagger UI (/api/docs) loads only its own files too, so one policy fits every page.
  reply.header('content-security-policy', contentSecurityPolicy);
}
