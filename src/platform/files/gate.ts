// A per-process limit on concurrent imports: a few run, a few wait briefly, the rest are told to come back.
import { AppError } from '../http/errors.ts';

export interface GateOptions {
  /** How many run at once. */
  running: number;
  /** How many may wait for a slot; beyond that a request is refused at once. */
  waiting: number;
  /** How long one waits before it is refused. */
  waitMs: number;
  /** What Retry-After says, in seconds. */
  retryAfterSeconds: number;
}

const busy = (retryAfter: number) =>
  new AppError('OVERLOADED', `当前导入任务较多，请 ${retryAfter} 秒后重试`, undefined, {
    retryAfter,
  });

/** A counting semaphore with a bounded, time-limited queue; refusals are 503 OVERLOADED with Retry-After. */
export class Gate {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly opts: GateOptions) {}

  get busy(): { running: number; waiting: number } {
    return { running: this.active, waiting: this.queue.length };
  }

  private async acquire(): Promise<void> {
    if (this.active < this.opts.running) {
      this.active++;
      return;
    }
    if (this.queue.length >= this.opts.waiting) throw busy(this.opts.retryAfterSeconds);
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const at = this.queue.indexOf(wake);
        if (at >= 0) this.queue.splice(at, 1);
        reject(busy(this.opts.retryAfterSeconds));
      }, this.opts.waitMs);
      this.queue.push(wake);
    });
    // The slot was handed over by release(): `active` was not decremented for us.
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}

/** Every import of this process (enterprises, reports) passes through this one gate. */
export const importGate = new Gate({ running: 2, waiting: 4, waitMs: 15_000, retryAfterSeconds: 10 });
