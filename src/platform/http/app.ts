// Builds the Fastify instance every module registers on: Zod validation, errors, cookies, OpenAPI.
import Fastify, {
  type FastifyInstance,
  type FastifyError,
  type FastifyBaseLogger,
  type RawServerDefault,
} from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export type App = FastifyInstance;
export type TypedApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export async function createHttpApp(opts: { logLevel: string; version: string }): Promise<App> {
  const app = Fastify({
    logger: opts.logLevel === 'silent' ? false : { level: opts.logLevel },
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
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
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const lang = (req.headers['accept-language'] ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh';
    if (err instanceof AppError) {
      // A refusal for load says when to come back (the body carries the same number for clients that read it).
      if (err.status === 503) reply.header('retry-after', String(err.details?.retryAfter ?? 5));
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
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: defaultMessage('INTERNAL', lang) });
  });

  return app;
}
