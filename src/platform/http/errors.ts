// The one error type of the platform, with stable codes, and its mapping to HTTP.
export type ErrorCode =
  | 'VALIDATION'
  | 'INVALID_CREDENTIALS'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'IMPORT_INVALID'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'OVERLOADED'
  | 'INTERNAL';

export interface FieldError {
  /** Dotted path of the offending field, e.g. 'uscc' or 'honours.0.awardedOn'. */
  path: string;
  message: string;
}

const statusOf: Record<ErrorCode, number> = {
  VALIDATION: 400,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMPORT_INVALID: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  OVERLOADED: 503,
};

/** Default texts, zh-CN first; the web app translates by code, these serve API clients. */
const defaultMessages: Record<ErrorCode, { zh: string; en: string }> = {
  VALIDATION: { zh: '提交的数据有误', en: 'The request is invalid' },
  INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please log in' },
  FORBIDDEN: { zh: '无权执行此操作', en: 'You may not do this' },
  PASSWORD_CHANGE_REQUIRED: {
    zh: '请先修改初始密码',
    en: 'Change your initial password first',
  },
  NOT_FOUND: { zh: '记录不存在', en: 'Not found' },
  CONFLICT: { zh: '与已有记录冲突', en: 'Conflicts with an existing record' },
  IMPORT_INVALID: { zh: '导入文件有错误，未写入任何数据', en: 'The file has errors; nothing was written' },
  PAYLOAD_TOO_LARGE: { zh: '文件过大', en: 'The upload is too large' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的文件类型', en: 'Unsupported file type' },
  RATE_LIMITED: { zh: '尝试次数过多，请稍后再试', en: 'Too many attempts; try again later' },
  INTERNAL: { zh: '服务器内部错误', en: 'Internal server error' },
  OVERLOADED: { zh: '服务器繁忙，请稍后再试', en: 'The server is busy; try again shortly' },
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: FieldError[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? defaultMessages[code].zh);
    this.status = statusOf[code];
  }
}

export const notFound = (what?: string) => new AppError('NOT_FOUND', what ? `${what}不存在` : undefined);
export const forbidden = () => new AppError('FORBIDDEN');
export const invalid = (path: string, message: string) =>
  new AppError('VALIDATION', `${message}`, [{ path, message }]);

export function defaultMessage(code: ErrorCode, lang: 'zh' | 'en'): string {
  return defaultMessages[code][lang];
}
