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
