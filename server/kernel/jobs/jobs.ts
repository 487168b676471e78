import PgBoss from "pg-boss";
import type { Config } from "../config.js";
import type { Database } from "../db/db.js";

/** A recurring job. `run` must be idempotent: pg-boss delivers at least once (retries, a crash mid-run). */
export type JobDefinition = {
  /** Queue name, unique among the definitions. */
  name: string;
  /** Five-field cron in Asia/Shanghai, e.g. "0 1 * * *" = 01:00 Beijing time. */
  cron: string;
  /** Does the work for the instant `now` (the app clock when the job started). */
  run: (now: Date) => Promise<void>;
};

export type Jobs = {
  /** Waits for running jobs (bounded), then stops polling and timers; the caller may close the database after. */
  stop(): Promise<void>;
  /** Sends a job now (tests, admin); resolves once it is queued, not when it has run. */
  runNow(name: string): Promise<void>;
};

/** The slice of a pino / Fastify logger the jobs use. */
export type JobsLog = {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};

/** Timings; the defaults suit production, tests pass short ones. */
export type JobsTuning = {
  /** How often an idle worker asks for a job (pg-boss minimum 0.5). */
  pollingIntervalSeconds?: number;
  /** How often the schedule is checked and due cron jobs are sent (1–45). */
  cronIntervalSeconds?: number;
  /** Retries after a failed run, and the first delay (doubled each time, with jitter). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** How long stop() waits for running jobs before pg-boss marks them failed (to be retried). */
  stopTimeoutMs?: number;
};

/** Cron expressions are read in China's civil time, whatever the server's TZ. */
export const jobsTimeZone = "Asia/Shanghai";

/** A job running longer than this is failed by pg-boss's maintenance and retried. */
const expireInSeconds = 30 * 60;

/**
 * Starts pg-boss on the app's own database — PostgreSQL through the app's pool, PGlite through an adapter —
 * with one queue, one schedule and one worker per definition. State lives in the pgboss schema, so app
 * instances sharing a PostgreSQL database share the queues: a job is fetched by one instance only
 * (FOR UPDATE SKIP LOCKED), and a cron tick is sent once across instances (the schedule check is
 * claimed by one instance per interval, and its send is a singleton per minute slot).
 * With `JOBS=off` nothing is started and runNow refuses.
 */
export async function startJobs(
  database: Database,
  config: Pick<Config, "jobsEnabled">,
  clock: () => Date,
  defs: JobDefinition[],
  log: JobsLog,
  tuning: JobsTuning = {},
): Promise<Jobs> {
  if (!config.jobsEnabled) {
    log.info({ jobs: defs.map((d) => d.name) }, "background jobs are off (JOBS=off)");
    return {
      stop: async () => {},
      runNow: async (name) => {
        throw new Error(`background jobs are off (JOBS=off): ${name} was not sent`);
      },
    };
  }
  const byName = new Map<string, JobDefinition>();
  for (const def of defs) {
    if (!def.name || byName.has(def.name)) throw new Error(`job names must be unique and non-empty: "${def.name}"`);
    byName.set(def.name, def);
  }

  const embedded = database.kind === "pglite";
  // PGlite runs on the Node main thread, so every poll delays requests a little: poll gently there.
  const polling = tuning.pollingIntervalSeconds ?? (embedded ? 5 : 2);
  const cronInterval = tuning.cronIntervalSeconds ?? (embedded ? 30 : 15);
  const retryLimit = tuning.retryLimit ?? 3;
  const retryDelay = tuning.retryDelaySeconds ?? 60;
  const stopTimeoutMs = tuning.stopTimeoutMs ?? 20_000;

  const executor = trackedExecutor(database);
  const boss = new PgBoss({
    db: executor,
    migrate: true, // creates or upgrades the pgboss schema, under an advisory lock
    schedule: true,
    supervise: true,
    pollingIntervalSeconds: polling,
    cronMonitorIntervalSeconds: cronInterval,
    cronWorkerIntervalSeconds: cronInterval,
    maintenanceIntervalSeconds: embedded ? 10 * 60 : 2 * 60,
  });
  boss.on("error", (err) => log.error({ err }, "background jobs: pg-boss error"));

  let stopping: Promise<void> | undefined;
  const running = new Set<Promise<void>>();
  const workerIds = new Map<string, string>();

  const handler =
    (def: JobDefinition) =>
    async ([job]: PgBoss.JobWithMetadata[]): Promise<void> => {
      if (!job) return;
      // A fetch in flight when stop() began can still hand over a job: fail it so it is retried later.
      if (stopping) throw new Error("shutting down: the job will be retried");
      const now = clock();
      const t0 = Date.now();
      const fields = { job: def.name, id: job.id, attempt: job.retryCount + 1, now: now.toISOString() };
      const run = def.run(now);
      running.add(run);
      try {
        await run;
        log.info({ ...fields, ms: Date.now() - t0 }, "job done");
      } catch (err) {
        const more = job.retryCount < job.retryLimit;
        log.error({ ...fields, err, ms: Date.now() - t0 }, more ? "job failed; it will be retried" : "job failed; no retries left");
        throw err;
      } finally {
        running.delete(run);
      }
    };

  try {
    await boss.start();
    for (const def of defs) {
      // stately: at most one queued and one running job per queue across all instances, so a tick or runNow
      // landing while a run is queued is dropped, and runs of one job do not overlap (unless one outlives its expiry).
      const queue: PgBoss.Queue = { name: def.name, policy: "stately", retryLimit, retryDelay, retryBackoff: true, expireInSeconds };
      if (await boss.getQueue(def.name)) await boss.updateQueue(def.name, queue);
      else await boss.createQueue(def.name, queue);
      try {
        await boss.schedule(def.name, def.cron, {}, { tz: jobsTimeZone });
      } catch (err) {
        throw new Error(`job ${def.name}: cannot schedule "${def.cron}": ${(err as Error).message}`);
      }
      workerIds.set(def.name, await boss.work(def.name, { pollingIntervalSeconds: polling, includeMetadata: true }, handler(def)));
    }
    // The code's list is the truth: a definition removed from it stops being sent.
    for (const s of await boss.getSchedules()) if (!byName.has(s.name)) await boss.unschedule(s.name);
  } catch (err) {
    await boss.stop({ graceful: false }).catch(() => {});
    await executor.close();
    throw err;
  }
  log.info({ jobs: defs.map((d) => `${d.name} (${d.cron})`), pollingIntervalSeconds: polling }, "background jobs started");

  return {
    runNow: async (name) => {
      if (!byName.has(name)) throw new Error(`unknown job: ${name}`);
      if (stopping) throw new Error(`background jobs are stopping: ${name} was not sent`);
      const id = await boss.send(name, {});
      if (id === null) log.info({ job: name }, "job already queued");
      const worker = workerIds.get(name);
      if (worker) boss.notifyWorker(worker); // fetch now instead of at the next poll
    },
    stop: () => {
      stopping ??= (async () => {
        await boss.stop({ graceful: true, timeout: stopTimeoutMs, wait: true });
        // pg-boss resolves before a worker's last fetch or a completion it did not await has returned.
        const deadline = Date.now() + stopTimeoutMs;
        while ((running.size > 0 || executor.inflight() > 0) && Date.now() < deadline) await sleep(20);
        await executor.close();
        log.info({}, "background jobs stopped");
      })();
      return stopping;
    },
  };
}

type Executor = PgBoss.Db & { inflight(): number; close(): Promise<void> };

/** pg-boss's `db` option over either backend; counts statements in flight and refuses new ones once closed. */
function trackedExecutor(database: Database): Executor {
  const run = backendExecutor(database);
  let inflight = 0;
  let closed = false;
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      if (closed) throw new Error("background jobs are stopped");
      inflight++;
      try {
        return await run(text, values);
      } finally {
        inflight--;
      }
    },
    inflight: () => inflight,
    close: async () => {
      closed = true;
    },
  };
}

export type Run = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

/** How pg-boss's SQL reaches the backend (exported for its test). */
export function backendExecutor(database: Database): Run {
  const { pglite, pool } = database;
  if (pool) {
    // A failed multi-statement BEGIN…COMMIT releases its client with the error, and pg's pool discards it.
    return async (text, values) => {
      const res = await pool.query(text, values);
      return { rows: res.rows ?? [] };
    };
  }
  if (!pglite) throw new Error("database has neither a PGlite client nor a PostgreSQL pool");
  return async (text, values) => {
    if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
    // Without parameters pg-boss may send several statements (the simple protocol: `exec`). Its
    // maintenance and schema changes come as `BEGIN; …; COMMIT;`: run the body in a PGlite transaction, so
    // a failure rolls back inside PGlite's lock instead of leaving the one shared connection in an
    // aborted transaction that every later query of the app would fail on.
    const locked = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/.exec(text);
    const results = locked?.[1] !== undefined ? await pglite.transaction((tx) => tx.exec(locked[1] as string)) : await pglite.exec(text);
    return { rows: results.at(-1)?.rows ?? [] };
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
