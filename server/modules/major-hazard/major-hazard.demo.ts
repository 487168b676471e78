import { addMonths, shanghaiDay } from "../../../domain/common/calendar.js";
import type { HazardUnitCreate, ResponsiblePerson } from "../../../domain/major-hazard/major-hazard.dto.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import type { Db } from "../../kernel/db/db.js";
import { listEnterprises } from "../enterprises/enterprises.service.js";
import { createHazardUnit } from "./major-hazard.service.js";

type UnitTemplate = Omit<HazardUnitCreate, "responsiblePersons" | "lastAssessmentDate" | "betaRule" | "boundaryNote"> & {
  boundaryNote: string;
};

/**
 * Typical units of a county's chemical plants, graded as GB 18218-2018 gives them (people within 500 m
 * as entered): 一级 液氨/环氧乙烷 (R 140), 二级 液氯/液氨 (R 56), 三级 LPG (R 18), 四级 甲醇/甲苯 (R 8.1),
 * and units below their critical quantity.
 */
const plants: UnitTemplate[][] = [
  [
    {
      kind: "storage",
      name: "液氯液氨储罐区",
      boundaryNote: "罐区防火堤以内（液氯储罐 3 台、液氨储罐 2 台）",
      peopleExposed: 150,
      substances: [
        { name: "液氯", cas: "7782-50-5", quantityTonnes: 30 },
        { name: "液氨", cas: "7664-41-7", quantityTonnes: 20 },
      ],
    },
    {
      kind: "production",
      name: "甲醇精馏装置",
      boundaryNote: "进料切断阀至成品出料切断阀之间",
      peopleExposed: 150,
      substances: [{ name: "甲醇", cas: "67-56-1", quantityTonnes: 200, categories: ["W5.3"] }],
    },
  ],
  [
    {
      kind: "storage",
      name: "甲醇甲苯储罐区",
      boundaryNote: "2号防火堤以内",
      peopleExposed: 60,
      substances: [
        { name: "甲醇", cas: "67-56-1", quantityTonnes: 1500, categories: ["W5.3"] },
        { name: "甲苯", cas: "108-88-3", quantityTonnes: 1200, categories: ["W5.3"] },
      ],
    },
  ],
  [
    {
      kind: "storage",
      name: "液化石油气球罐区",
      boundaryNote: "球罐区防火堤以内（2000 m³ 球罐 2 台）",
      peopleExposed: 80,
      substances: [{ name: "液化石油气", quantityTonnes: 400, categories: ["W2"], liquefied: true }],
    },
  ],
  [
    {
      kind: "storage",
      name: "溶剂仓库",
      boundaryNote: "甲类仓库独立建筑",
      peopleExposed: 20,
      substances: [
        { name: "乙醇", quantityTonnes: 200, categories: ["W5.3"] },
        { name: "乙酸乙酯", quantityTonnes: 150, categories: ["W5.3"] },
        { name: "丙酮", quantityTonnes: 100, categories: ["W5.3"] },
      ],
    },
  ],
  [
    {
      kind: "storage",
      name: "液氨环氧乙烷罐区",
      boundaryNote: "3号防火堤以内",
      peopleExposed: 300,
      substances: [
        { name: "液氨", cas: "7664-41-7", quantityTonnes: 300 },
        { name: "环氧乙烷", cas: "75-21-8", quantityTonnes: 50 },
      ],
    },
    {
      kind: "production",
      name: "乙氧基化装置",
      boundaryNote: "环氧乙烷进料切断阀以后的反应单元",
      peopleExposed: 300,
      substances: [{ name: "环氧乙烷", cas: "75-21-8", quantityTonnes: 6 }],
    },
  ],
  [
    {
      kind: "production",
      name: "天然气调压计量站",
      boundaryNote: "进站切断阀至出站切断阀",
      peopleExposed: 40,
      substances: [{ name: "天然气", cas: "8006-14-2", quantityTonnes: 2, categories: ["W2"] }],
    },
  ],
];

const people = "周卫东 陈志刚 刘海峰 孙立新 吴建平 赵明 钱晓东 郑国强 冯伟 蒋春华 沈红兵 韩磊".split(" ");

/**
 * Registers hazard units for the demo chemical enterprises of 溧阳市 through the service users call:
 * the largest twelve, one plant template each, so the county has sources of every grade and units that
 * are not sources. Deterministic; returns the number of units registered.
 */
export async function seedDemoHazardUnits(db: Db, ctx: Ctx, countyCode = "320481", count = 12): Promise<number> {
  const chemicals = (
    await listEnterprises(db, ctx, {
      region: countyCode,
      category: "hazardous_chemicals",
      status: "operating",
      page: 1,
      pageSize: count,
      sort: "-headcount",
    })
  ).items;
  const today = shanghaiDay(ctx.now);
  let registered = 0;
  for (const [i, e] of chemicals.entries()) {
    const person = (k: number, post: string): ResponsiblePerson => ({
      name: people[(i * 3 + k) % people.length] ?? "王伟",
      post,
      phone: `139${String(10_000_000 + i * 1_000 + k).padStart(8, "0")}`,
    });
    const responsiblePersons = {
      principal: { name: e.principalName, post: "总经理", phone: e.principalPhone },
      technical: person(1, "技术负责人（总工程师）"),
      operations: person(2, "生产车间主任"),
    };
    for (const unit of plants[i % plants.length] ?? []) {
      await createHazardUnit(db, ctx, e.id, {
        ...unit,
        betaRule: "max",
        responsiblePersons,
        // Assessed between half a year and three and a half years ago: some re-assessments fall due.
        lastAssessmentDate: addMonths(today, -(6 + ((i * 7) % 37))),
      });
      registered++;
    }
  }
  return registered;
}
