// What an import file must be before the browser sends it: the same limits the server's import endpoints apply.

/** What the server's import endpoints accept (docs/security.md). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_EXTENSIONS = ['.xlsx', '.xls', '.ods', '.csv'];

/** Why a file cannot be imported, checked before upload; null when it may be sent. */
export function importFileProblem(file: { name: string; size: number }): 'wrongType' | 'tooLarge' | null {
  const name = file.name.toLowerCase();
  if (!IMPORT_EXTENSIONS.some((ext) => name.endsWith(ext))) return 'wrongType';
  if (file.size > IMPORT_MAX_BYTES) return 'tooLarge';
  return null;
}
