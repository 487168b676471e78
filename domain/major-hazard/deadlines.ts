import { addDays, addMonths, type CalendarDay } from "../common/calendar.js";

/**
 * R11(1) (40号令 Art. 11): re-identification and re-assessment are due when the assessment is 3 years old,
 * on the same calendar day 3 years later (a 29 February falls back to the 28th, see addMonths).
 */
export const reassessmentDue = (assessmentReportDay: CalendarDay): CalendarDay => addMonths(assessmentReportDay, 36);

/**
 * R14 (40号令 Art. 23): 备案 with the county emergency-management bureau within 15 calendar days after the
 * assessment report is complete; the count starts the day after (民法典 Art. 201), so 05-20 → 06-04.
 */
export const filingDue = (assessmentReportDay: CalendarDay): CalendarDay => addDays(assessmentReportDay, 15);
