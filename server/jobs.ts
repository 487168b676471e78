import type { AppDeps } from "./deps.js";
import type { JobDefinition } from "./kernel/jobs/jobs.js";
import { caseClockEscalationJob } from "./modules/enforcement/enforcement.clocks.js";
import { hazardChangesCompactionJob } from "./modules/hazards/hazards.changes.js";
import { hazardEscalationJob } from "./modules/hazards/hazards.escalation.js";
import { exposureDraftJob } from "./modules/hazards/hazards.exposure.js";
import { webhookDeliveryJob } from "./modules/notifications/notifications.jobs.js";

/** The app's recurring jobs (server/kernel/jobs runs them through pg-boss); each one is idempotent. */
export function appJobs(deps: AppDeps): JobDefinition[] {
  return [
    hazardEscalationJob(deps),
    caseClockEscalationJob(deps),
    webhookDeliveryJob(deps),
    exposureDraftJob(deps),
    hazardChangesCompactionJob(deps),
  ];
}
