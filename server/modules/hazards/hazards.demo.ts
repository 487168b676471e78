import { addDays, shanghaiDay, shanghaiMidnight } from "../../../domain/common/calendar.js";
import type { HazardCreate, HazardPlanInput } from "../../../domain/hazards/hazard.dto.js";
import { criteriaFor } from "../../../domain/hazards/hazard.js";
import type { Actor, Ctx } from "../../kernel/auth/actor.js";
import type { Db } from "../../kernel/db/db.js";
import { getEnterprise, listEnterprises } from "../enterprises/enterprises.service.js";
import { runHazardEscalation } from "./hazards.escalation.js";
import { reportHazard, transitionHazard } from "./hazards.service.js";
import { listHazardForSupervision } from "./hazards.supervision.js";

// A 1×1 PNG: demo photos only need to be real images of an accepted type.
const photo = {
  contentType: "image/png" as const,
  data: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
};

type Step = (ctx: Ctx, id: string, version: number) => Promise<{ version: number }>;

/**
 * Demo hazards, replayed day by day through the same services users call: the showcase company's own findings
 * (fixed on the spot; planned, submitted and signed off; one left past its deadline), a 重大 hazard the 溧阳市
 * inspector found and listed (挂牌督办) with partial suspension, and inspection findings at other 溧阳市
 * enterprises in every state; then the escalation job runs for today (R12). Deterministic.
 */
export async function seedDemoHazards(db: Db, ctx: Ctx, companyId: string, companyAdmin: Actor, inspector: Actor): Promise<number> {
  const today = shanghaiDay(ctx.now);
  // 10:00 in Shanghai on day T+offset.
  const at = (actor: Actor, offset: number): Ctx => ({
    actor,
    ip: null,
    now: new Date(shanghaiMidnight(addDays(today, offset)).getTime() + 10 * 3600_000),
  });
  const report = async (actor: Actor, offset: number, input: Omit<HazardCreate, "photos" | "category" | "level"> & Partial<HazardCreate>) =>
    reportHazard(db, at(actor, offset), { category: "site_management", level: "general", photos: [photo], ...input });
  const plan = (deadline: number, extra: HazardPlanInput = {}): HazardPlanInput => ({
    measures: "落实整改措施并复查",
    responsibleName: "王建国",
    responsiblePhone: "13905191234",
    funds: "3000",
    deadline: addDays(today, deadline),
    contingency: "整改完成前设置警戒区域，安排专人监护",
    ...extra,
  });
  const run = async (id: string, version: number, steps: Step[]) => {
    let v = version;
    for (const step of steps) v = (await step(ctx, id, v)).version;
  };
  const setPlan =
    (actor: Actor, offset: number, p: HazardPlanInput): Step =>
    (_c, id, version) =>
      transitionHazard(db, at(actor, offset), id, { action: "set_plan", version, plan: p });
  const submit =
    (actor: Actor, offset: number, rectification: string): Step =>
    (_c, id, version) =>
      transitionHazard(db, at(actor, offset), id, { action: "submit", version, rectification, photos: [photo] });
  const accept =
    (actor: Actor, offset: number): Step =>
    (_c, id, version) =>
      transitionHazard(db, at(actor, offset), id, { action: "accept", version, note: "现场复查，整改到位" });

  let count = 0;
  const company = await getEnterprise(db, ctx, companyId);
  // 自查自改: found and fixed at once (立即整改).
  {
    const h = await report(companyAdmin, -40, {
      enterpriseId: companyId,
      description: "应急洗眼器水压不足，出水呈滴状",
      location: "罐区东侧洗眼器",
      source: "self_check",
      subType: "equipment_process",
    });
    await transitionHazard(db, at(companyAdmin, -40), h.id, {
      action: "fix_on_spot",
      version: h.version,
      rectification: "更换减压阀，出水恢复正常",
      photos: [photo],
    });
    count++;
  }
  // Planned, submitted and signed off by the enterprise itself (a general hazard it found).
  {
    const h = await report(companyAdmin, -30, {
      enterpriseId: companyId,
      description: "储罐区防火堤东南角有贯穿裂缝约 40 cm",
      location: "甲醇储罐区防火堤",
      source: "self_check",
      subType: "premises",
    });
    await run(h.id, h.version, [
      setPlan(companyAdmin, -30, plan(-20, { measures: "凿除裂缝两侧混凝土，采用防火砂浆修补并做闭水试验" })),
      submit(companyAdmin, -22, "裂缝已修补，闭水试验 24 小时无渗漏"),
      accept(companyAdmin, -21),
    ]);
    count++;
  }
  // Past its deadline and not done: the escalation job below marks it overdue and escalates (o ≥ 3).
  {
    const h = await report(companyAdmin, -20, {
      enterpriseId: companyId,
      description: "配电室门口未设置挡鼠板",
      location: "1 号配电室",
      source: "self_check",
      subType: "electrical",
    });
    await run(h.id, h.version, [setPlan(companyAdmin, -20, plan(-5, { measures: "配电室门口加装 50 cm 高挡鼠板", funds: "200" }))]);
    count++;
  }
  // 重大 (R2): the inspector's finding matches a 判定标准 item; six-part plan with partial suspension; 挂牌督办 at county.
  const criterion = criteriaFor(company.category, company.subcategory)[1] ?? criteriaFor(company.category, company.subcategory)[0];
  if (criterion) {
    const h = await report(inspector, -10, {
      enterpriseId: companyId,
      description: `执法检查发现：${criterion.text.slice(0, 60)}`,
      location: "生产车间",
      source: "regulator_inspection",
      criterionId: criterion.id,
    });
    const planned = await transitionHazard(db, at(companyAdmin, -9), h.id, {
      action: "set_plan",
      version: h.version,
      plan: plan(20, {
        funds: "180000",
        goal: "消除重大事故隐患，达到判定标准要求",
        organisation: "成立以总经理为组长的隐患治理领导小组，安全科牵头，设备科、生产科配合",
        materials: "整改所需设备、材料由设备科采购",
        requirements: "治理期间相关装置局部停产，完成后申请复查",
        suspension: "partial",
      }),
    });
    await listHazardForSupervision(db, at(inspector, -8), planned.id, {
      level: "county",
      deadline: addDays(today, 20),
      requirements: "限期完成治理，治理期间相关装置停止使用，完成后书面报告并申请复产复核",
      suspension: "partial",
      public: true,
    });
    count++;
  }

  // Inspection findings at other 溧阳市 enterprises, in every state of the loop.
  const others = (await listEnterprises(db, ctx, { region: "320481", page: 1, pageSize: 12, sort: "-headcount" })).items.filter(
    (e) => e.id !== companyId,
  );
  const findings = [
    ["消防通道堆放杂物，宽度不足 4 m", "厂区北侧消防通道", "fire"],
    ["叉车司机未持证上岗", "成品仓库", "operations"],
    ["砂轮机防护罩缺失", "机修车间", "equipment_process"],
    ["临时用电线路私拉乱接", "包装车间", "electrical"],
    ["安全生产责任制未覆盖新设岗位", "安全科", "responsibility"],
    ["有限空间作业未执行审批", "污水处理池", "operations"],
    ["应急预案未按期演练", "安全科", "emergency"],
    ["高处作业平台护栏高度不足 1.05 m", "二层操作平台", "premises"],
  ] as const;
  for (const [i, enterprise] of others.slice(0, findings.length).entries()) {
    const [description, location, subType] = findings[i] as (typeof findings)[number];
    const basic = subType === "responsibility" || subType === "emergency";
    const h = await report(inspector, -25 + i * 3, {
      enterpriseId: enterprise.id,
      description,
      location,
      source: "regulator_inspection",
      category: basic ? "basic_management" : "site_management",
      subType,
    });
    const day = -25 + i * 3;
    // i % 4: 0 signed off on time, 1 awaiting acceptance, 2 rectifying, 3 only reported.
    const steps: Step[] = [];
    if (i % 4 !== 3) steps.push(setPlan(ctx.actor as Actor, day, plan(day + 10)));
    if (i % 4 <= 1) steps.push(submit(ctx.actor as Actor, Math.min(day + 6, 0), "已按整改方案完成整改"));
    if (i % 4 === 0) steps.push(accept(inspector, Math.min(day + 8, 0)));
    await run(h.id, h.version, steps);
    count++;
  }
  // The daily job for today: overdue marks and escalation rungs (notifications in the inbox).
  await runHazardEscalation(db, ctx.now);
  return count;
}
