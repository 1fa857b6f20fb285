// Job values and the retry rule (pure): what a claimed job looks like and how long a failed one waits.

export const jobStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export interface Job {
  districtId: string;
  id: string;
  kind: string;
  key: string;
  payload: unknown;
  runAt: Date;
  status: JobStatus;
  /** Claims so far, counting the current one: 1 on the first run. */
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  result: unknown;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface RetryPolicy {
  /** Wait after the first failure; doubled after each further one. */
  baseMs: number;
  /** The wait never grows beyond this. */
  maxMs: number;
}

export const defaultRetry: RetryPolicy = { baseMs: 30_000, maxMs: 60 * 60_000 };

/** Exponential backoff: the wait before attempt `attempt + 1`, after `attempt` failed (attempt ≥ 1). */
export function retryDelayMs(attempt: number, policy: RetryPolicy = defaultRetry): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

/** Thrown by a handler when trying again cannot help (a malformed payload, say): the job fails at once. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

export function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
