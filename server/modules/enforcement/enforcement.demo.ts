import { addDays, shanghaiDay } from "../../../domain/common/calendar.js";
import { CaseEventInput, CaseOpen } from "../../../domain/enforcement/case.dto.js";
import { InspectionCreate } from "../../../domain/inspections/inspection.dto.js";
import type { Actor, Ctx } from "../../kernel/auth/actor.js";
import type { Db } from "../../kernel/db/db.js";
import { listDepartments } from "../departments/departments.service.js";
import { getEnterprise } from "../enterprises/enterprises.service.js";
import { conductDemoInspection, demoAt, demoSiteChecklistId } from "../inspections/inspections.demo.js";
import { createInspection } from "../inspections/inspections.service.js";
import { appendEvent, openCase } from "./enforcement.service.js";

export type DemoEnforcementActors = {
  companyId: string;
  /** Two certified 溧阳市 officers (行政处罚法 Art. 42): the first records the steps. */
  inspectors: [Actor, Actor];
  /** The planned visit of seedDemoInspections (finished, two hazards) and its day. */
  plannedInspectionId: string;
  inspectionDay: string;
};

const law = (article: string) => `《中华人民共和国安全生产法》${article}`;

/**
 * Demo enforcement of 溧阳市应急管理局, replayed on its days through the services users call (issue 8):
 * - a finished case from an unannounced inspection 40 days ago: order to rectify, re-inspection finds it not
 *   rectified (安全生产法 Art. 99), a penalty round (notice ¥30,000, the 5-working-day defence period, decision,
 *   service, publication on the portal, payment), a second re-inspection verifies rectification, closed;
 * - an open case from the planned visit two days ago: order to rectify with its deadline running.
 */
export async function seedDemoEnforcement(db: Db, ctx: Ctx, a: DemoEnforcementActors): Promise<void> {
  const [lead, second] = a.inspectors;
  const today = shanghaiDay(ctx.now);
  const department = (await listDepartments(db, { regionCode: "320481", kind: "emergency", page: 1, pageSize: 10 })).items.find(
    (d) => d.regionCode === "320481",
  );
  if (!department) return;
  const company = await getEnterprise(db, ctx, a.companyId);

  // ── 专项执法检查 40 days ago: two violations → a case through its whole penalty path ────────────────────────
  const d0 = addDays(today, -40);
  const started = await createInspection(
    db,
    demoAt(lead, d0, 9),
    InspectionCreate.parse({
      kind: "unannounced",
      enterpriseId: company.id,
      checklistId: demoSiteChecklistId,
      inspectorIds: [lead.userId, second.userId],
      departmentId: department.id,
    }),
  );
  const earlier = await conductDemoInspection(db, {
    started,
    actor: lead,
    day: d0,
    findings: {
      "g-hot-work-permit": { result: "fail", note: "甲醇罐区检修动火作业未办理动火作业票" },
      "g-training": { result: "fail", note: "2 名新入职操作工未经安全生产教育和培训即上岗作业" },
    },
    summary: "发现 2 项违法行为，依法立案并责令限期改正",
    inspectors: [lead, second],
    principalName: company.principalName,
  });
  const caseB = await openCase(
    db,
    demoAt(lead, d0, 14),
    CaseOpen.parse({
      inspectionId: earlier.id,
      title: `${company.name}未如实记录安全生产教育和培训情况案`,
      violations: [
        {
          facts: "2 名新入职操作工未经安全生产教育和培训合格即上岗作业，未如实记录安全生产教育和培训情况",
          provisionViolated: law("第二十八条第一款、第四款"),
          provisionApplied: law("第九十七条第（三）项、第（四）项"),
          proposed: "30000",
        },
      ],
      internalNote: "企业负责人态度配合，首次违法，拟在法定幅度内从轻",
    }),
  );
  let detail = caseB;
  const step = async (day: string, hour: number, body: Record<string, unknown>) => {
    detail = await appendEvent(db, demoAt(lead, day, hour), caseB.id, CaseEventInput.parse({ version: detail.version, on: day, ...body }));
  };
  const fine = { party: "unit", items: [{ kind: "fine", amountFen: 30_000_00 }] };
  await step(d0, 15, { type: "order_issued", deadline: addDays(d0, 10) });
  await step(addDays(d0, 13), 10, { type: "reinspected_not_rectified", note: "复查时仍有 1 名操作工无培训记录" });
  await step(addDays(d0, 13), 15, { type: "filed" });
  await step(addDays(d0, 14), 10, { type: "penalty_notice", penalty: fine });
  await step(addDays(d0, 20), 9, { type: "reinspection_requested" });
  await step(addDays(d0, 22), 10, { type: "reinspected_rectified" });
  await step(addDays(d0, 24), 10, { type: "decision_issued", penalty: fine });
  await step(addDays(d0, 24), 11, { type: "served" });
  await step(addDays(d0, 26), 9, { type: "publication" });
  await step(addDays(d0, 30), 14, { type: "paid", amountFen: 30_000_00 });
  await step(addDays(d0, 32), 10, { type: "closed", reason: "completed" });

  // ── The planned visit two days ago: a case with its order running ─────────────────────────────────────────
  const caseA = await openCase(
    db,
    demoAt(lead, a.inspectionDay, 15),
    CaseOpen.parse({
      inspectionId: a.plannedInspectionId,
      departmentId: department.id,
      violations: [
        {
          facts: "二号车间东侧安全出口被成品托盘堵塞",
          provisionViolated: law("第四十二条第二款"),
          provisionApplied: law("第一百零五条第（二）项"),
          measure: { rectifyBy: addDays(a.inspectionDay, 15), note: "立即清理托盘，保持安全出口畅通" },
        },
      ],
    }),
  );
  await appendEvent(
    db,
    demoAt(lead, a.inspectionDay, 16),
    caseA.id,
    CaseEventInput.parse({ type: "order_issued", version: caseA.version, on: a.inspectionDay, deadline: addDays(a.inspectionDay, 15) }),
  );
}
