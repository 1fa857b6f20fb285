// Turning API failures into the words a user reads: the server's message, or its code translated when the UI is English.
import { App, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);
const clientCodes = new Set(['NETWORK', 'INVALID_RESPONSE']);

/**
 * The server's message is the most precise (e.g. which USCC clashes), so it is shown as is; the server writes
 * Chinese, so in English the translated code comes first and the server's words follow in brackets.
 */
export function errorText(t: TFunction, error: unknown, lang: string): string {
  if (error instanceof ApiError) {
    if (clientCodes.has(error.code) || error.code.startsWith('HTTP_')) {
      return t(`errors.${error.code}`, { defaultValue: t('errors.UNKNOWN', { status: error.status }) });
    }
    if (lang !== 'en-US' || !hasChinese(error.message)) return error.message;
    const translated = t(`errors.${error.code}`, { defaultValue: '' });
    return translated ? `${translated} (${error.message})` : error.message;
  }
  if (error instanceof Error && error.message) return error.message;
  return t('errors.UNKNOWN', { status: '' });
}

/** Shows an API error as a toast with the server's message. */
export function useShowError(): (error: unknown) => void {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  return (error: unknown) => {
    void message.error(errorText(t, error, i18n.language));
  };
}

/** Maps a server field path ('honours.0.awardedOn') to an antd form name path (['honours', 0, 'awardedOn']). */
export function formPath(path: string): (string | number)[] {
  return path.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/** Puts error messages on form fields by path (paths come from Zod issues or the server, so they are dynamic). */
export function setFieldErrors<T>(form: FormInstance<T>, issues: FieldIssue[]): void {
  form.setFields(
    issues.map((i) => ({ name: i.path, errors: [i.message] })) as Parameters<FormInstance<T>['setFields']>[0],
  );
}

/** The server's field errors (an ApiError's `fields`) as form paths; none for any other failure. */
export function serverFieldIssues(error: unknown): FieldIssue[] {
  return error instanceof ApiError
    ? error.fields.map((f) => ({ path: formPath(f.path), message: f.message }))
    : [];
}

/** Puts the server's field errors (if the failure has any) on the form's fields; true when it had some. */
export function setServerFieldErrors<T>(form: FormInstance<T>, error: unknown): boolean {
  const issues = serverFieldIssues(error);
  if (issues.length > 0) setFieldErrors(form, issues);
  return issues.length > 0;
}

/** Zod issue paths as form paths. */
export function issuePaths(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldIssue[] {
  return issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
    message: i.message,
  }));
}
