// Running one of the office's steps from a modal form: the client-side check, then the call; field errors go on the
// form's fields, anything else in a banner above them.
import { useState } from 'react';
import { Alert, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText, issuePaths, setFieldErrors, setServerFieldErrors } from '../../app/errors.ts';

type Parsed<D> =
  | { success: true; data: D }
  | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };

export function useStep<V extends object>(form: FormInstance<V>) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  /** `parsed` is a Zod safeParse result; the call gets its data. True when the call went through. */
  const run = async <D,>(parsed: Parsed<D>, call: (data: D) => Promise<unknown>): Promise<boolean> => {
    setError(null);
    if (!parsed.success) {
      setFieldErrors(form, issuePaths(parsed.error.issues));
      return false;
    }
    try {
      await call(parsed.data);
      return true;
    } catch (e) {
      setServerFieldErrors(form, e);
      setError(errorText(t, e, i18n.language));
      return false;
    }
  };
  const banner = error ? (
    <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />
  ) : null;
  return { run, banner, clear: () => error && setError(null) };
}
