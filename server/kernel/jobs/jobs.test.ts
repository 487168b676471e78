import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClock } from "../../test/harness.js";
import { testBackend, testDatabase } from "../../test/test-db.js";
import { type Database, openPostgres, rows, sql } from "../db/db.js";
import { backendExecutor, type JobDefinition, type JobsTuning, jobsTimeZone, startJobs } from "./jobs.js";

// Short timings so the file runs in seconds; production polls every 2 s (PostgreSQL) or 5 s (PGlite).
const fast: JobsTuning = { pollingIntervalSeconds: 0.5, cronIntervalSeconds: 1, retryDelaySeconds: 1, stopTimeoutMs: 5_000 };
const on = { jobsEnabled: true };
// Jan 1st 03:00 Beijing time: never due while these tests run, so only runNow sends.
const rarely = "0 3 1 1 *";

let database: Database;
before(async () => {
  database = await testDatabase();
});
after(async () => {
  await database.close();
});

type Entry = { level: "info" | "warn" | "error"; msg?: string } & Record<string, unknown>;
function memoryLog() {
  const entries: Entry[] = [];
  const at = (level: Entry["level"]) => (obj: object, msg?: string) => void entries.push({ ...obj, level, msg });
  return { entries, info: at("info"), warn: at("warn"), error: at("error") };
}

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const jobRows = (db: Database, name: string) =>
  rows<{ state: string; retry_count: number }>(db.db, sql`select state::text, retry_count from pgboss.job where name = ${name}`);

test("runNow runs the job's handler once, with the clock's instant, and pg-boss records it completed", async () => {
  const clock = new TestClock(new Date("2026-11-23T16:30:00Z"));
  const seen: Date[] = [];
  const def: JobDefinition = { name: "test.run-now", cron: rarely, run: async (now) => void seen.push(now) };
  const jobs = await startJobs(database, on, clock.now, [def], memoryLog(), fast);
  try {
    await jobs.runNow(def.name);
    await waitFor("the run", () => seen.length > 0);
    await pause(1_500); // three more polls: nothing runs twice
    assert.deepEqual(
      seen.map((d) => d.toISOString()),
      ["2026-11-23T16:30:00.000Z"],
    );
    await waitFor("completion", async () => (await jobRows(database, def.name)).some((r) => r.state === "completed"));
    assert.equal((await jobRows(database, def.name)).length, 1);
    await assert.rejects(jobs.runNow("no-such-job"), /unknown job: no-such-job/);
  } finally {
    await jobs.stop();
  }
});

test("a failing run is logged and retried by pg-boss until it succeeds", async () => {
  const log = memoryLog();
  let attempts = 0;
  const def: JobDefinition = {
    name: "test-retry",
    cron: rarely,
    run: async () => {
      attempts++;
      if (attempts === 1) throw new Error("webhook receiver down");
    },
  };
  const jobs = await startJobs(database, on, () => new Date(), [def], log, fast);
  try {
    await jobs.runNow(def.name);
    await waitFor("the retry", () => attempts >= 2);
    await waitFor("completion", async () => (await jobRows(database, def.name)).some((r) => r.state === "completed"));
    const [job] = await jobRows(database, def.name);
    assert.equal(job?.retry_count, 1);
    const failed = log.entries.filter((e) => e.level === "error");
    assert.equal(failed.length, 1);
    assert.equal(failed[0]?.msg, "job failed; it will be retried");
    assert.equal(failed[0]?.job, def.name);
    assert.match(String(failed[0]?.err), /webhook receiver down/);
    assert.ok(log.entries.some((e) => e.msg === "job done" && e.attempt === 2));
  } finally {
    await jobs.stop();
  }
});

test("every definition is scheduled in Asia/Shanghai; a definition dropped from the list is unscheduled", async () => {
  const noop = async () => {};
  const first = await startJobs(
    database,
    on,
    () => new Date(),
    [
      { name: "test-sched-a", cron: "0 1 * * *", run: noop },
      { name: "test-sched-b", cron: "*/15 * * * *", run: noop },
    ],
    memoryLog(),
    fast,
  );
  await first.stop();
  const read = () =>
    rows<{ name: string; cron: string; timezone: string }>(
      database.db,
      sql`select name, cron, timezone from pgboss.schedule order by name`,
    );
  assert.deepEqual(await read(), [
    { name: "test-sched-a", cron: "0 1 * * *", timezone: jobsTimeZone },
    { name: "test-sched-b", cron: "*/15 * * * *", timezone: jobsTimeZone },
  ]);
  assert.equal(jobsTimeZone, "Asia/Shanghai");

  const second = await startJobs(
    database,
    on,
    () => new Date(),
    [{ name: "test-sched-a", cron: "30 2 * * *", run: noop }],
    memoryLog(),
    fast,
  );
  await second.stop();
  assert.deepEqual(await read(), [{ name: "test-sched-a", cron: "30 2 * * *", timezone: jobsTimeZone }]);
});

test("a bad cron or a duplicate name stops startJobs with the job named", async () => {
  const noop = async () => {};
  await assert.rejects(
    startJobs(database, on, () => new Date(), [{ name: "test-bad-cron", cron: "61 * * * *", run: noop }], memoryLog(), fast),
    /job test-bad-cron: cannot schedule "61 \* \* \* \*"/,
  );
  await assert.rejects(
    startJobs(
      database,
      on,
      () => new Date(),
      [
        { name: "test-dup", cron: rarely, run: noop },
        { name: "test-dup", cron: rarely, run: noop },
      ],
      memoryLog(),
      fast,
    ),
    /unique/,
  );
});

test("stop() waits for a running job, then leaves no timers behind and refuses new sends", async () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
  const baseline = timers();
  let started = false;
  let finished = false;
  const def: JobDefinition = {
    name: "test-stop",
    cron: rarely,
    run: async () => {
      started = true;
      await pause(800);
      finished = true;
    },
  };
  const jobs = await startJobs(database, on, () => new Date(), [def], memoryLog(), fast);
  await jobs.runNow(def.name);
  await waitFor("the run to start", () => started);
  await jobs.stop();
  assert.ok(finished, "stop() returned while the job was still running");
  assert.deepEqual(
    (await jobRows(database, def.name)).map((r) => r.state),
    ["completed"],
  );
  await assert.rejects(jobs.runNow(def.name), /stopping/);
  await jobs.stop(); // idempotent
  await pause(1_100); // pg-boss's last worker check (1 s) ends
  assert.ok(timers() <= baseline, `timers left after stop(): ${timers()} > ${baseline}`);
});

test("pg-boss's BEGIN…COMMIT batches that fail roll back and leave the shared connection usable", async () => {
  const execute = backendExecutor(database);
  await assert.rejects(execute("BEGIN;\n CREATE TABLE jobs_probe (x int);\n SELECT 1 / 0;\n COMMIT;\n"), /division by zero/);
  // On PGlite one connection serves the whole app: an aborted transaction left open would fail every later query.
  const [probe] = await rows<{ t: string | null }>(database.db, sql`select to_regclass('jobs_probe')::text as t`);
  assert.equal(probe?.t, null);
  assert.deepEqual((await execute("SELECT $1::int + 1 AS n", [41])).rows, [{ n: 42 }]);
  await execute("BEGIN; SET LOCAL lock_timeout = '1s'; CREATE TABLE jobs_probe (x int); COMMIT;");
  const [kept] = await rows<{ t: string | null }>(database.db, sql`select to_regclass('jobs_probe')::text as t`);
  assert.equal(kept?.t, "jobs_probe");
  assert.deepEqual((await execute("SELECT 3 AS n")).rows, [{ n: 3 }]);
});

test("with JOBS=off nothing is started and runNow refuses", async () => {
  let ran = false;
  const def: JobDefinition = {
    name: "test-off",
    cron: "* * * * *",
    run: async () => {
      ran = true;
    },
  };
  const log = memoryLog();
  const jobs = await startJobs(database, { jobsEnabled: false }, () => new Date(), [def], log, fast);
  await assert.rejects(jobs.runNow(def.name), /JOBS=off/);
  await jobs.stop();
  const [queue] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from pgboss.queue where name = ${def.name}`);
  assert.equal(queue?.n, 0);
  assert.equal(ran, false);
  assert.ok(log.entries.some((e) => e.msg === "background jobs are off (JOBS=off)"));
});

/** Starts at least 12 s before a minute boundary, so one tick covers the whole observation window. */
async function awayFromMinuteBoundary() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 48_000) await pause(60_000 - intoMinute + 500);
}

test("a cron tick sends its job once: the schedule is checked every second, the job runs one time", async () => {
  await awayFromMinuteBoundary();
  const runs: Date[] = [];
  const def: JobDefinition = { name: "test-cron-once", cron: "* * * * *", run: async (now) => void runs.push(now) };
  const jobs = await startJobs(database, on, () => new Date(), [def], memoryLog(), fast);
  try {
    await waitFor("the cron run", () => runs.length > 0);
    await pause(2_500); // more schedule checks and polls within the same minute
    assert.equal(runs.length, 1);
  } finally {
    await jobs.stop();
  }
});

const multiInstance = testBackend() === "postgresql";
const skipReason = "PGlite is embedded in one process: a second app instance cannot open the same database";

test("two instances on one PostgreSQL database: a sent job and a cron tick each run exactly once", {
  skip: multiInstance ? false : skipReason,
}, async () => {
  const url = database.pool?.options.connectionString;
  assert.ok(url);
  const other = await openPostgres(url, 3);
  await awayFromMinuteBoundary();
  const runs: { instance: string; job: string }[] = [];
  const defs = (instance: string): JobDefinition[] => [
    { name: "test-two-sent", cron: rarely, run: async () => void runs.push({ instance, job: "sent" }) },
    { name: "test-two-cron", cron: "* * * * *", run: async () => void runs.push({ instance, job: "cron" }) },
  ];
  const a = await startJobs(database, on, () => new Date(), defs("a"), memoryLog(), fast);
  const b = await startJobs(other, on, () => new Date(), defs("b"), memoryLog(), fast);
  try {
    await a.runNow("test-two-sent");
    await waitFor("both runs", () => runs.some((r) => r.job === "sent") && runs.some((r) => r.job === "cron"));
    await pause(2_500); // both instances keep polling and checking the schedule
    assert.equal(runs.filter((r) => r.job === "sent").length, 1, JSON.stringify(runs));
    assert.equal(runs.filter((r) => r.job === "cron").length, 1, JSON.stringify(runs));
  } finally {
    await a.stop();
    await b.stop();
    await other.close();
  }
});
