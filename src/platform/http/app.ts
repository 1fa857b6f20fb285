// Builds the Fastify instance every module registers on: Zod validation, errors, cookies, OpenAPI.
import Fastify, {
  type FastifyRequest,
  type FastifyInstance,
  type FastifyError,
  type FastifyBaseLogger,
  type RawServerDefault,
} from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  serializerCompiler,
  validatorCompiler,
  jsonSchemaTransform,
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AppError, defaultMessage, type FieldError } from './errors.ts';
import { refuseBadStrings, refuseCrossSiteWrites, securityHeaders } from './guards.ts';
import {
  PlatformLogController,
  type LogDestination,
  REQUEST_ID_HEADER,
  redactPaths,
  requestContext,
  requestId,
  requestIdMixin,
  scrubbing,
  serializeError,
  serializeRequest,
} from './logging.ts';
import type { TrustProxy } from '../config.ts';
import { AdmissionGate, OverloadedError, type GateOptions } from '../db/gate.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The admission gate, when one is configured (its counters feed the load benchmark). */
    admissionGate?: AdmissionGate;
  }
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Smaller responses go uncompressed: the headers and the codec's frame would eat the saving. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

export type App = FastifyInstance;
export type TypedApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** node-postgres's error when no pool connection freed up within connectionTimeoutMillis. */
const POOL_TIMEOUT = 'timeout exceeded when trying to connect';
function isPoolTimeout(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    if (e.message === POOL_TIMEOUT) return true;
  return false;
}

/** API paths that never touch the database (the OpenAPI document and its viewer) pass the gate freely. */
const ungated = (url: string) =>
  !url.startsWith('/api/') || url.startsWith('/api/docs') || url.startsWith('/api/openapi.json');

/**
 * Admits each API request through the gate before any other hook (the session lookup is already a query), and
 * frees its place when the response has gone or the connection closed.
 */
function registerAdmission(app: App, gate: AdmissionGate): void {
  const places = new WeakMap<object, { abort: AbortController; release?: () => void }>();
  app.addHook('onRequest', async (req, reply) => {
    if (ungated(req.url)) return;
    const place: { abort: AbortController; release?: () => void } = { abort: new AbortController() };
    places.set(req, place);
    try {
      place.release = await gate.acquire(place.abort.signal);
    } catch (err) {
      if (err instanceof OverloadedError)
        throw new AppError('OVERLOADED', undefined, undefined, { retryAfter: gate.retryAfterSeconds() });
      throw err;
    }
    reply.raw.once('close', place.release);
  });
  app.addHook('onRequestAbort', async (req) => places.get(req)?.abort.abort());
  app.addHook('onResponse', async (req) => places.get(req)?.release?.());
}

export interface HttpAppOptions {
  logLevel: string;
  version: string;
  trustProxy?: TrustProxy;
  /** Where log lines go (tests capture them, --log-file rolls a file); standard output by default. */
  logStream?: LogDestination;
  /**
   * Called before answering a signed-in user's request with FORBIDDEN or NOT_FOUND (the audit records it). Requests
   * without a session are not passed on: an anonymous flood of 401s costs no write.
   */
  /** Admission gate in front of the database (docs/scaling.md); absent means none. */
  gate?: GateOptions | undefined;
  onRefused?: (req: FastifyRequest, code: 'FORBIDDEN' | 'NOT_FOUND') => Promise<void>;
}

export async function createHttpApp(opts: HttpAppOptions): Promise<App> {
  const app = Fastify({
    logger:
      opts.logLevel === 'silent'
        ? false
        : {
            level: opts.logLevel,
            redact: { paths: redactPaths, censor: '[redacted]' },
            serializers: {
              err: (e) => serializeError(e),
              error: (e: unknown) => serializeError(e),
              req: serializeRequest,
            },
            mixin: requestIdMixin,
            stream: scrubbing(opts.logStream ?? process.stdout),
          },
    // A caller's sane x-request-id is kept (a proxy's id follows the request), else a UUID; echoed in the answer.
    genReqId: requestId,
    logController: new PlatformLogController(),
    // Forwarded headers are believed only from the proxies the deployment names (none by default).
    // A hop count is supported at run time though Fastify's typings list only the other forms.
    trustProxy: (opts.trustProxy ?? false) as boolean | string[],
    bodyLimit: 1024 * 1024,
  });
  // First hook of all: the request id goes back in the answer (a refused one too), and whatever runs for the request
  // logs with it. The context is entered again before the handler: body parsing can leave it.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header(REQUEST_ID_HEADER, req.id);
    requestContext.run(req.id, done);
  });
  app.addHook('preHandler', (req, _reply, done) => requestContext.run(req.id, done));
  // Then: a request that cannot be admitted is refused before it does any work.
  if (opts.gate) {
    const gate = new AdmissionGate(opts.gate);
    app.decorate('admissionGate', gate);
    registerAdmission(app, gate);
    app.addHook('onClose', async () => gate.close());
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Responses above 1 KB leave compressed (brotli, else gzip) when the client accepts it; the web app's files carry
  // their own .br/.gz from the build and pass through untouched (static.ts). Request bodies are not inflated: an
  // upload arrives as sent, within bodyLimit (docs/performance.md).
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Mantianxing API',
        description: '满天星 — the district software-industry action plan platform',
        version: opts.version,
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'mtx_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Baseline browser protections for every response (the app loads only its own scripts and styles).
  app.addHook('onSend', securityHeaders);
  app.addHook('onRequest', refuseCrossSiteWrites);
  app.addHook('preValidation', refuseBadStrings);

  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const lang = (req.headers['accept-language'] ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh';
    if (isPoolTimeout(err)) {
      return reply
        .status(503)
        .header('retry-after', '1')
        .send({ code: 'OVERLOADED', message: defaultMessage('OVERLOADED', lang) });
    }
    if (err instanceof AppError) {
      // Overload is temporary: say when to come back (RFC 9110 §10.2.3), in seconds.
      if (err.status === 503) reply.header('retry-after', String(err.details?.retryAfter ?? 1));
      if ((err.code === 'FORBIDDEN' || err.code === 'NOT_FOUND') && req.user && opts.onRefused) {
        // A refusal is answered even when recording it fails; the failure is logged.
        await opts.onRefused(req, err.code).catch((e: unknown) => {
          req.log.error({ err: e }, 'could not record a refused request');
        });
      }
      return reply.status(err.status).send({
        code: err.code,
        message: err.message,
        ...(err.fields ? { fields: err.fields } : {}),
        ...(err.details ?? {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: FieldError[] = err.validation.map((v) => ({
        path:
          [
            err.validationContext === 'body' ? '' : `${err.validationContext}`,
            v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
          ]
            .filter(Boolean)
            .join('.') || String(v.params?.issue && (v.params.issue as { path?: unknown[] }).path?.join('.')),
        message: v.message ?? 'invalid',
      }));
      return reply
        .status(400)
        .send({ code: 'VALIDATION', message: defaultMessage('VALIDATION', lang), fields });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return reply.status(500).send({ code: 'INTERNAL', message: defaultMessage('INTERNAL', lang) });
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_FILES_LIMIT') {
      return reply
        .status(413)
        .send({ code: 'PAYLOAD_TOO_LARGE', message: defaultMessage('PAYLOAD_TOO_LARGE', lang) });
    }
    if (
      status === 415 ||
      err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
      err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE'
    ) {
      return reply
        .status(415)
        .send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: defaultMessage('UNSUPPORTED_MEDIA_TYPE', lang) });
    }
    if (status >= 400 && status < 500) {
      // Malformed JSON, empty bodies and the like: the client's fault, said plainly.
      return reply.status(status).send({ code: 'VALIDATION', message: err.message });
    }
    // The serializer keeps the failure's kind and constraint, never the values (see logging.ts).
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: defaultMessage('INTERNAL', lang) });
  });

  return app;
}
