// The load generator, run in its own process so its event loop does not share the server's: N clients in closed
// loops over a list of URLs for a fixed time; prints one JSON summary on stdout.
import { stats } from './lib.ts';

export interface LoadTarget {
  url: string;
  cookie?: string;
}

export interface LoadPlan {
  targets: LoadTarget[];
  clients: number;
  seconds: number;
  /** A request still unanswered after this long counts as a timeout (and the client moves on). */
  timeoutMs: number;
}

export interface LoadResult {
  ok: number;
  overloaded: number;
  /** Other statuses, network errors and timeouts. */
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  okP50: number;
  okP99: number;
  overloadedP99: number;
  okPerSecond: number;
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const okMs: number[] = [];
  const overMs: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  const until = performance.now() + plan.seconds * 1000;
  await Promise.all(
    Array.from({ length: plan.clients }, async (_, client) => {
      for (let i = client; performance.now() < until; i++) {
        const target = plan.targets[i % plan.targets.length]!;
        const t = performance.now();
        try {
          const res = await fetch(target.url, {
            headers: target.cookie ? { cookie: target.cookie } : {},
            signal: AbortSignal.timeout(plan.timeoutMs),
          });
          await res.arrayBuffer();
          const took = performance.now() - t;
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status === 200) okMs.push(took);
          else if (res.status === 503) {
            overMs.push(took);
            // A polite client (the web app's retry, a person reloading) waits as told before asking again.
            const wait = Number(res.headers.get('retry-after') ?? 1) * 1000;
            await new Promise((r) => setTimeout(r, Math.min(wait, Math.max(0, until - performance.now()))));
          } else errors++;
        } catch (err) {
          errors++;
          if ((err as Error).name === 'TimeoutError') timeouts++;
          else statuses.network = (statuses.network ?? 0) + 1;
        }
      }
    }),
  );
  const ok = okMs.length ? stats(okMs) : { p50: NaN, p99: NaN };
  return {
    ok: okMs.length,
    overloaded: overMs.length,
    errors,
    timeouts,
    statuses,
    okP50: ok.p50,
    okP99: ok.p99,
    overloadedP99: overMs.length ? stats(overMs).p99 : NaN,
    okPerSecond: okMs.length / plan.seconds,
  };
}

if (process.argv[2]) {
  const plan = JSON.parse(process.argv[2]) as LoadPlan;
  process.stdout.write(JSON.stringify(await run(plan)));
}
