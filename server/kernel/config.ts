import { resolve } from "node:path";
import { z } from "zod";
import type { WorkCalendar } from "../../domain/common/calendar.js";
import { parseWorkCalendar } from "../../domain/common/calendar.js";

const Env = z.object({
  /** 16号令 Art. 14 (R4): "15日前" read inclusively (on the 15th is on time); false = due the 14th. */
  STATS_DUE_INCLUSIVE: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * PGlite's shared_buffers. PostgreSQL's 128MB default nearly doubles the embedded server's
   * resident memory; the data files stay in the OS page cache either way.
   */
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, "e.g. 32MB")
    .default("32MB"),
  /** Seed the 常州市 demo city (grid, departments, ~3,000 enterprises, demo accounts) on first start. */
  SEED_DEMO: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** Largest spreadsheet upload accepted (imports), in MB. */
  IMPORT_MAX_MB: z.coerce.number().int().min(1).max(500).default(20),
  /** Set behind a TLS-terminating proxy so the session cookie is marked Secure. */
  COOKIE_SECURE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Background jobs (escalation, webhooks, exposure drafts) on this instance; `off` e.g. for a web-only instance. */
  JOBS: z
    .enum(["on", "off"])
    .default("on")
    .transform((v) => v === "on"),
  /** Trust X-Forwarded-For from a reverse proxy for the client IP in the audit trail. */
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Outbound notification webhook (JSON, HMAC-SHA256 signed with WEBHOOK_SECRET) for WeCom/DingTalk/SMS gateways. */
  WEBHOOK_URL: z
    .string()
    .regex(/^https?:\/\//, "must be an http:// or https:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  WEBHOOK_SECRET: z
    .string()
    .min(16, "at least 16 characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** R12 ladder day counts overriding the defaults, e.g. "o3=5,o15=20" (domain/hazards/escalation.ts). */
  ESCALATION_DAYS: z
    .string()
    .regex(/^\s*([a-z_0-9]+=\d+\s*(,\s*|$))*$/, "e.g. o3=5,o15=20")
    .default(""),
  /** Annual inspection plan frequencies overriding the defaults, e.g. "red=4,orange=2,yellow=1,blue=1,general=0" (domain/inspections/plan.ts). */
  PLAN_FREQUENCIES: z
    .string()
    .regex(/^\s*([a-z.]+\s*=\s*\d+\s*(,\s*|$))*$/, "e.g. red=4,orange=2,yellow=1,blue=1,general=0")
    .default(""),
  /** Planned inspections an officer can take part in per month (the annual plan's capacity). */
  PLAN_VISITS_PER_INSPECTOR_MONTH: z.coerce.number().int().min(1).max(100).default(8),
  /** double-random.md R4 rotation: officers on an enterprise's team in the previous N draws recuse from it (0 = off). */
  DRAW_ROTATION_ROUNDS: z.coerce.number().int().min(0).max(10).default(0),
  /** R10/R12: days a 重大 hazard's automatic county listing runs when the hazard has no later deadline of its own. */
  MAJOR_LISTING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /**
   * Statutory rest days (法定节假日) that extend a period ending on them (民法典 Art. 203), e.g. the R9 resumption
   * review: "2026-10-01..2026-10-07,2027-01-01". Default none (hazards.md Open points).
   */
  HOLIDAYS: z
    .string()
    .regex(/^[\d\s.,-]*$/, "e.g. 2026-10-01..2026-10-07,2027-01-01")
    .default(""),
  /**
   * 调休 make-up working days (Saturdays and Sundays worked, enforcement.md R0), counted as working days like
   * Monday–Friday, in the same form as HOLIDAYS, e.g. "2026-09-20,2026-10-10". Default none.
   */
  WORKDAYS: z
    .string()
    .regex(/^[\d\s.,-]*$/, "e.g. 2026-09-20,2026-10-10")
    .default(""),
  /** Issue 8 §3 case-clock ladder in days overdue, e.g. "leader=5,superior=20" (domain/enforcement/escalation.ts). */
  CASE_ESCALATION_DAYS: z
    .string()
    .regex(/^\s*([a-z_0-9]+=\d+\s*(,\s*|$))*$/, "e.g. leader=5,superior=20")
    .default(""),
  /**
   * 五个一批 tags (enforcement.md R8: no authoritative definition) overriding the defaults, as
   * "key:label[:signal],…", e.g. "suspension:停产整顿一批:suspension,exposure:曝光一批:exposure" (domain/enforcement/outcomes.ts).
   */
  FIVE_BATCH_TAGS: z.string().max(2000).default(""),
  /**
   * Overrides of the enforcement rules' ‡ figures and open points (enforcement.md), e.g.
   * "statementWindowWorkingDays=3,dailyFineUntil=rectification_verified" (domain/enforcement/rules.ts).
   */
  ENFORCEMENT_RULES: z.string().max(2000).default(""),
  /** 案号 format (issue 8 §1): {dept} {year} {seq} ({seq:3} zero-pads), e.g. "{dept}〔{year}〕{seq}号" (the default when empty). */
  CASE_NUMBER_TEMPLATE: z.string().max(100).default(""),
});

export type Config = {
  /** R4 reading of the statistics report's due day (hazards.md Open points). */
  statsDueInclusive: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  pgliteSharedBuffers: string;
  importMaxMb: number;
  seedDemo: boolean;
  sessionIdleMinutes: number;
  /** 等保 session control: a session ends 12 h after sign-in whatever its activity. */
  sessionAbsoluteHours: number;
  logLevel: z.infer<typeof Env>["LOG_LEVEL"];
  cookieSecure: boolean;
  trustProxy: boolean;
  /** JOBS=off: this instance runs no background jobs. */
  jobsEnabled: boolean;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  escalationDays: string;
  planFrequencies: string;
  planVisitsPerInspectorMonth: number;
  /** R4 rotation recusal: how many previous draws of the same series a prepare looks back (0 = off). */
  drawRotationRounds: number;
  majorListingDays: number;
  /** HOLIDAYS as written; checked by loadConfig, read through workCalendarOf (domain/common/calendar.ts). */
  holidays: string;
  /** WORKDAYS (调休) as written; checked with HOLIDAYS by loadConfig, read through workCalendarOf. */
  workdays: string;
  /** CASE_NUMBER_TEMPLATE as written; checked when the app is built (domain/enforcement/case-number.ts). */
  caseNumberTemplate: string;
  /** ENFORCEMENT_RULES as written; parsed (a bad setting stops the start) when the enforcement routes are built. */
  enforcementRules: string;
  /** FIVE_BATCH_TAGS as written; parsed (a bad set stops the start) when the statistics routes are built. */
  fiveBatchTags: string;
  /** CASE_ESCALATION_DAYS as written; parsed (and refused when the ladder would not climb) when the jobs are built. */
  caseEscalationDays: string;
};

export class ConfigError extends Error {}

/**
 * The one working-day calendar every rule counts with (enforcement case clocks, R9 review, R7 publication), built
 * from HOLIDAYS and WORKDAYS; a bad day, a day in both, or a weekday among WORKDAYS is refused naming the variable.
 */
export function workCalendarOf(config: Pick<Config, "holidays" | "workdays">): WorkCalendar {
  const parsed = parseWorkCalendar(config);
  if ("error" in parsed) throw new ConfigError(`Invalid configuration (environment variables):\n  ${parsed.error}`);
  return parsed.calendar;
}

/** Reads and validates the environment once at boot; a bad value stops the process with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (environment variables):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.WEBHOOK_URL && !e.WEBHOOK_SECRET)
    throw new ConfigError("Invalid configuration (environment variables):\n  WEBHOOK_SECRET: required with WEBHOOK_URL");
  workCalendarOf({ holidays: e.HOLIDAYS, workdays: e.WORKDAYS }); // refused at start, not at the first count
  return {
    statsDueInclusive: e.STATS_DUE_INCLUSIVE,
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    pgliteSharedBuffers: e.PGLITE_SHARED_BUFFERS,
    importMaxMb: e.IMPORT_MAX_MB,
    seedDemo: e.SEED_DEMO,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: 12,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    jobsEnabled: e.JOBS,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    escalationDays: e.ESCALATION_DAYS,
    planFrequencies: e.PLAN_FREQUENCIES,
    planVisitsPerInspectorMonth: e.PLAN_VISITS_PER_INSPECTOR_MONTH,
    drawRotationRounds: e.DRAW_ROTATION_ROUNDS,
    majorListingDays: e.MAJOR_LISTING_DAYS,
    holidays: e.HOLIDAYS,
    workdays: e.WORKDAYS,
    caseNumberTemplate: e.CASE_NUMBER_TEMPLATE,
    caseEscalationDays: e.CASE_ESCALATION_DAYS,
    fiveBatchTags: e.FIVE_BATCH_TAGS,
    enforcementRules: e.ENFORCEMENT_RULES,
  };
}
