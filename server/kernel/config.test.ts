import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, loadConfig, workCalendarOf } from "./config.js";

test("defaults: port 3000, ./data, embedded database, 30-minute idle sessions, 12 h absolute", () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.match(c.dataDir, /\/data$/);
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.sessionIdleMinutes, 30);
  assert.equal(c.sessionAbsoluteHours, 12);
  assert.equal(c.logLevel, "info");
});

test("an empty DATABASE_URL means embedded PGlite; a postgres URL selects PostgreSQL", () => {
  assert.equal(loadConfig({ DATABASE_URL: "" }).databaseUrl, undefined);
  assert.equal(loadConfig({ DATABASE_URL: "postgres://u@h:5432/db" }).databaseUrl, "postgres://u@h:5432/db");
});

test("bad values stop the boot with a message naming each variable", () => {
  assert.throws(
    () => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", SESSION_IDLE_MINUTES: "0", LOG_LEVEL: "loud" }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      for (const name of ["PORT", "DATABASE_URL", "SESSION_IDLE_MINUTES", "LOG_LEVEL"]) assert.match(err.message, new RegExp(name));
      return true;
    },
  );
});

test("background jobs run unless JOBS=off; any other value stops the boot", () => {
  assert.equal(loadConfig({}).jobsEnabled, true);
  assert.equal(loadConfig({ JOBS: "on" }).jobsEnabled, true);
  assert.equal(loadConfig({ JOBS: "off" }).jobsEnabled, false);
  assert.throws(
    () => loadConfig({ JOBS: "no" }),
    (err: unknown) => err instanceof ConfigError && /JOBS/.test(err.message),
  );
});

test("CASE_ESCALATION_DAYS is read as written (the jobs parse it); a malformed value stops the boot", () => {
  assert.equal(loadConfig({}).caseEscalationDays, "");
  assert.equal(loadConfig({ CASE_ESCALATION_DAYS: "leader=5,superior=20" }).caseEscalationDays, "leader=5,superior=20");
  assert.throws(
    () => loadConfig({ CASE_ESCALATION_DAYS: "leader:5" }),
    (err: unknown) => err instanceof ConfigError && /CASE_ESCALATION_DAYS/.test(err.message),
  );
});

test("WORKDAYS (调休) is read like HOLIDAYS into one calendar; a day in both, or a weekday, stops the boot naming it", () => {
  const c = loadConfig({ HOLIDAYS: "2026-10-01..2026-10-07", WORKDAYS: " 2026-09-20 , 2026-10-10" });
  assert.deepEqual([loadConfig({}).workdays, c.workdays], ["", " 2026-09-20 , 2026-10-10"]);
  assert.deepEqual(workCalendarOf(c), {
    holidays: ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"],
    workdays: ["2026-09-20", "2026-10-10"],
  });
  const refused: [Record<string, string>, RegExp][] = [
    [{ HOLIDAYS: "2026-10-01..2026-10-07", WORKDAYS: "2026-10-03" }, /WORKDAYS: 2026-10-03 is also listed in HOLIDAYS/],
    [{ WORKDAYS: "2026-10-10,2026-10-12" }, /WORKDAYS: 2026-10-12 is a Monday/],
    [{ WORKDAYS: "2026-10-09..2026-10-10" }, /WORKDAYS: 2026-10-09 is a Friday/],
    [{ WORKDAYS: "2026-02-29" }, /WORKDAYS: "2026-02-29"/],
    [{ WORKDAYS: "十月十日" }, /WORKDAYS/],
    [{ HOLIDAYS: "2026-02-30" }, /HOLIDAYS: "2026-02-30"/],
  ];
  for (const [env, message] of refused) {
    assert.throws(
      () => loadConfig(env),
      (err: unknown) => err instanceof ConfigError && message.test(err.message),
      JSON.stringify(env),
    );
  }
});
