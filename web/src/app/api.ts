// The one typed API client: fetch JSON under /api, parse with the server's contract schemas, throw ApiError on failure.
import type { z } from 'zod';
import { errorBodySchema } from '@contracts/platform/http/common.contract.ts';

export interface FieldError {
  path: string;
  message: string;
}

/** Every failed call becomes one of these: HTTP status, the server's stable code and message, field errors if any. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  /** The whole error body, for codes that carry more (IMPORT_INVALID has `errors`). */
  readonly body: unknown;
  constructor(
    status: number,
    code: string,
    message: string,
    fields: FieldError[] = [],
    body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.body = body;
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** `?a=1&b=x`, leaving out empty values; '' when nothing is left. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

let currentLanguage = 'zh-CN';
/** The UI language, sent as Accept-Language so a server that translates can answer in it. */
export function setApiLanguage(lang: string): void {
  currentLanguage = lang;
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy error page, say): fall through to a generic error
  }
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success)
    return new ApiError(res.status, parsed.data.code, parsed.data.message, parsed.data.fields ?? [], body);
  return new ApiError(
    res.status,
    res.status >= 500 ? 'INTERNAL' : `HTTP_${res.status}`,
    res.statusText || `HTTP ${res.status}`,
    [],
    body,
  );
}

async function send<S extends z.ZodType>(
  method: string,
  path: string,
  schema: S,
  body?: unknown,
): Promise<z.output<S>> {
  let res: Response;
  // Every write is JSON, `{}` when it carries nothing: the server refuses other types (a cross-site form's).
  const payload = body === undefined && method !== 'GET' ? {} : body;
  try {
    res = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Accept-Language': currentLanguage,
        ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Network error');
  }
  if (!res.ok) throw await errorFrom(res);
  const json: unknown = res.status === 204 ? {} : await res.json();
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} /api${path}`, parsed.error.issues);
    throw new ApiError(res.status, 'INVALID_RESPONSE', `Unexpected response from /api${path}`);
  }
  return parsed.data;
}

function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/** Hands a Blob to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface UploadResult {
  status: number;
  body: unknown;
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, query?: Query) =>
    send('GET', path + queryString(query), schema),
  post: <S extends z.ZodType>(path: string, body: unknown, schema: S) => send('POST', path, schema, body),
  put: <S extends z.ZodType>(path: string, body: unknown, schema: S) => send('PUT', path, schema, body),
  delete: <S extends z.ZodType>(path: string, schema: S) => send('DELETE', path, schema),

  /** Downloads a file the server generates (export, template), keeping its file name. */
  async download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
    const res = await fetch(`/api${path}${queryString(query)}`, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': currentLanguage },
    });
    if (!res.ok) throw await errorFrom(res);
    saveBlob(await res.blob(), fileNameOf(res, fallbackName));
  },

  /**
   * Uploads one file as multipart field `file`, reporting progress (fetch cannot). Resolves with the status and JSON
   * body for 2xx and 422 (a report the caller shows); rejects with ApiError otherwise.
   */
  upload(path: string, file: File, onProgress?: (percent: number) => void): Promise<UploadResult> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api${path}`);
      xhr.withCredentials = true;
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Accept-Language', currentLanguage);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
      };
      xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Network error'));
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = null;
        }
        if ((xhr.status >= 200 && xhr.status < 300) || xhr.status === 422) {
          resolve({ status: xhr.status, body });
          return;
        }
        const parsed = errorBodySchema.safeParse(body);
        reject(
          parsed.success
            ? new ApiError(xhr.status, parsed.data.code, parsed.data.message, parsed.data.fields ?? [], body)
            : new ApiError(
                xhr.status,
                `HTTP_${xhr.status}`,
                xhr.statusText || `HTTP ${xhr.status}`,
                [],
                body,
              ),
        );
      };
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  },
};

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
