import { z } from "zod";
import { PageQuery } from "../common/page.js";
import { CasePhase } from "./case.dto.js";
import { caseClocks } from "./case.js";
import { caseClockRungs } from "./escalation.js";

const regionCode = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

/** GET /api/cases/board (issue 8 §3): cases in scope with running clocks, earliest due first. */
export const CaseBoardQuery = PageQuery.extend({
  /** true: cases with a clock past its due day; false: cases whose clocks are all still running in time. */
  overdue: z.enum(["true", "false"]).optional(),
  /** true: only the cases the caller is an officer of. */
  mine: z.enum(["true", "false"]).optional(),
  region: z
    .string()
    .refine((s) => regionCode.test(s), "enforcement.board.region")
    .optional(),
  /** Only cases whose earliest clock is due within this many days from today (overdue ones included). */
  dueWithin: z.coerce.number().int().min(0).max(366).optional(),
});
export type CaseBoardQuery = z.infer<typeof CaseBoardQuery>;

export const CaseBoardClock = z.object({
  clock: z.enum(caseClocks),
  due: z.string(),
  overdue: z.boolean(),
  /** today − due in calendar days, 0 while not overdue. */
  daysOverdue: z.number().int(),
  /** The decision (its event index) a service/payment/publication clock belongs to. */
  decision: z.number().int().nullable(),
  /** Escalation rungs already fired for this clock, lowest first. */
  escalated: z.array(z.enum(caseClockRungs)),
});
export type CaseBoardClock = z.infer<typeof CaseBoardClock>;

export const CaseBoardItem = z.object({
  id: z.string().uuid(),
  caseNo: z.string(),
  title: z.string(),
  phase: CasePhase,
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  departmentId: z.string().uuid(),
  departmentName: z.string(),
  regionCode: z.string(),
  /** The earliest due day of the case's clocks. */
  nextDue: z.string(),
  /** The caller is one of the case's officers. */
  mine: z.boolean(),
  officers: z.array(z.string()),
  clocks: z.array(CaseBoardClock),
});
export type CaseBoardItem = z.infer<typeof CaseBoardItem>;
