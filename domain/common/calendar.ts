import { z } from "zod";

/**
 * Calendar dates as regulations reason about them: in Asia/Shanghai (UTC+8, no daylight saving since 1991),
 * written `YYYY-MM-DD`. Instants are stored in UTC; rules that count days work on these dates.
 */
export type CalendarDay = string;

/** A calendar date field, YYYY-MM-DD, that exists (2026-02-30 does not). */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine((s) => isCalendarDay(s), "YYYY-MM-DD");

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The Shanghai calendar day an instant falls on. */
export function shanghaiDay(at: Date): CalendarDay {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight in Shanghai at the start of `day`, as an instant. */
export function shanghaiMidnight(day: CalendarDay): Date {
  return new Date(toUtcMs(day) - SHANGHAI_OFFSET_MS);
}

export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  return fromUtcMs(toUtcMs(s)) === s;
}

function toUtcMs(day: CalendarDay): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

function fromUtcMs(ms: number): CalendarDay {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: CalendarDay, n: number): CalendarDay {
  return fromUtcMs(toUtcMs(day) + n * DAY_MS);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CalendarDay, b: CalendarDay): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/**
 * The same calendar day `n` months later; a day the target month lacks falls back to its last day
 * (2024-02-29 + 12 months → 2025-02-28), as 民法典 Art. 202 reads a period ending on a missing day.
 */
export function addMonths(day: CalendarDay, n: number): CalendarDay {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + n;
  const d = Number(day.slice(8, 10));
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return fromUtcMs(Date.UTC(targetYear, targetMonth, Math.min(d, last)));
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(day: CalendarDay): number {
  const w = new Date(toUtcMs(day)).getUTCDay();
  return w === 0 ? 7 : w;
}

/**
 * A year's working-day calendar as the State Council's annual notice sets it (enforcement.md R0): the statutory
 * rest days (法定节假日, incl. the bridged weekdays) and the make-up working weekends (调休 上班日). Loaded per
 * deployment; without it, Monday–Friday are working days.
 */
export type WorkCalendar = { holidays?: readonly CalendarDay[]; workdays?: readonly CalendarDay[] };

/** A bare list is read as rest days only (the older `holidays` parameter of addWorkingDays). */
export type WorkCalendarInput = WorkCalendar | readonly CalendarDay[];

type WorkSets = { rest: ReadonlySet<CalendarDay>; work: ReadonlySet<CalendarDay> };

function workSets(cal: WorkCalendarInput): WorkSets {
  if (Array.isArray(cal)) return { rest: new Set(cal as readonly CalendarDay[]), work: new Set() };
  const c = cal as WorkCalendar;
  return { rest: new Set(c.holidays ?? []), work: new Set(c.workdays ?? []) };
}

const working = (day: CalendarDay, s: WorkSets) => !s.rest.has(day) && (s.work.has(day) || isoWeekday(day) <= 5);

/** Whether `day` is a working day: a make-up workday (调休) always is; otherwise Mon–Fri and not a rest day. */
export function isWorkingDay(day: CalendarDay, cal: WorkCalendarInput = {}): boolean {
  return working(day, workSets(cal));
}

/**
 * The `n`th working day after `day` (行政处罚法 Art. 85: "日" there are working days, counted from the day after
 * the trigger); `n` = 0 is the day itself, a negative `n` counts back (the `|n|`th working day before `day`).
 */
export function addWorkingDays(day: CalendarDay, n: number, cal: WorkCalendarInput = {}): CalendarDay {
  const s = workSets(cal);
  const step = n < 0 ? -1 : 1;
  let at = day;
  for (let left = Math.abs(n); left > 0; ) {
    at = addDays(at, step);
    if (working(at, s)) left--;
  }
  return at;
}

/** Working days strictly between `a` and `b` (neither end counted); 0 when b ≤ a + 1. */
export function workingDaysBetween(a: CalendarDay, b: CalendarDay, cal: WorkCalendarInput = {}): number {
  const s = workSets(cal);
  let count = 0;
  for (let at = addDays(a, 1); at < b; at = addDays(at, 1)) if (working(at, s)) count++;
  return count;
}

/**
 * A period of `n` calendar days triggered on `day` (民法典 Art. 201: counted from the next day), so its last day
 * is day + n. With `rollOver`, a last day that is not a working day moves to the next working day (民法典 Art. 203:
 * a period ending on a rest day ends on the day after it; weekends are rest days unless made up by 调休).
 */
export function calendarPeriodEnd(day: CalendarDay, n: number, cal: WorkCalendarInput = {}, rollOver = false): CalendarDay {
  const end = addDays(day, n);
  return rollOver ? nextWorkingDayFrom(end, cal) : end;
}

/** `day` itself when it is a working day, else the first working day after it. */
export function nextWorkingDayFrom(day: CalendarDay, cal: WorkCalendarInput = {}): CalendarDay {
  const s = workSets(cal);
  let at = day;
  while (!working(at, s)) at = addDays(at, 1);
  return at;
}

/**
 * A deployment's rest days as it writes them (HOLIDAYS; WORKDAYS uses the same form): days and inclusive ranges,
 * comma-separated, e.g. "2026-10-01..2026-10-07,2027-01-01". Returns the days, or the problem as text.
 */
export function parseHolidays(text: string): { days: CalendarDay[] } | { error: string } {
  const days = new Set<CalendarDay>();
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [from = "", to = from, extra] = part.split("..").map((d) => d.trim());
    if (extra !== undefined || !isCalendarDay(from) || !isCalendarDay(to)) {
      return { error: `"${part}": expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD` };
    }
    const n = daysBetween(from, to);
    if (n < 0 || n > 366) return { error: `"${part}": a range runs forward and spans at most a year` };
    for (let i = 0; i <= n; i++) days.add(addDays(from, i));
  }
  return { days: [...days].sort() };
}

const weekdayNames = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/**
 * The deployment's working-day calendar (enforcement.md R0: the State Council's annual notice) from HOLIDAYS and
 * WORKDAYS (调休 make-up working days) as written. A make-up day must be a Saturday or Sunday (a weekday works
 * anyway) and not also a rest day; the problem comes back as text naming the variable and the day.
 */
export function parseWorkCalendar(text: { holidays: string; workdays: string }): { calendar: WorkCalendar } | { error: string } {
  const holidays = parseHolidays(text.holidays);
  if ("error" in holidays) return { error: `HOLIDAYS: ${holidays.error}` };
  const workdays = parseHolidays(text.workdays);
  if ("error" in workdays) return { error: `WORKDAYS: ${workdays.error}` };
  const rest = new Set(holidays.days);
  for (const day of workdays.days) {
    if (rest.has(day)) return { error: `WORKDAYS: ${day} is also listed in HOLIDAYS; a day is either a rest day or a working day` };
    const weekday = isoWeekday(day);
    if (weekday <= 5) {
      return { error: `WORKDAYS: ${day} is a ${weekdayNames[weekday]}, a working day already; list only make-up Saturdays and Sundays` };
    }
  }
  return { calendar: { holidays: holidays.days, workdays: workdays.days } };
}
