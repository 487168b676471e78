import { crc32, deflateSync } from "node:zlib";
import { addDays, shanghaiDay } from "../../../domain/common/calendar.js";
import type { Enterprise } from "../../../domain/enterprise/enterprise.dto.js";
import type { AccidentType, MeasureType } from "../../../domain/risk/accident-types.js";
import type { ControlLayer } from "../../../domain/risk/levels.js";
import type { RiskPointCreate } from "../../../domain/risk/risk.dto.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import type { Db } from "../../kernel/db/db.js";
import { getEnterprise, listEnterprises } from "../enterprises/enterprises.service.js";
import { uploadSitePlan } from "./risk.map.js";
import { type InitialAssessment, type RiskRegister, registerRiskRegisters } from "./risk.service.js";

/**
 * Demo risk registers for the demo city: chemical, fireworks, metallurgy and non-ferrous enterprises
 * get a few typical risk points with events, measures and an assessment (LEC for chemicals and
 * fireworks, LS for the rest), dated over the last 14 months so some reviews are overdue. The
 * 溧阳市 demo chemical company gets a full register placed on a generated site plan. Everything goes
 * through the risk service. Deterministic.
 */

type Measure = [MeasureType, string, ControlLayer];
type Template = {
  name: string;
  kind: RiskPointCreate["kind"];
  events: [string, AccidentType, string, Measure[]][];
  /** Plausible factor choices; one is drawn per enterprise. */
  factors: Record<string, number>[];
  /** Where it sits on the demo site plan (fractions of the plan). */
  at: [number, number];
  /** The storage point of a constituted major hazard source (R8(c)). */
  storage?: boolean;
};

const chemical: Template[] = [
  {
    name: "甲类储罐区",
    kind: "area",
    storage: true,
    at: [0.2, 0.25],
    events: [
      [
        "储罐或管线泄漏，遇点火源",
        "fire",
        "火灾、爆炸，可致多人伤亡",
        [
          ["engineering", "液位高低报警、可燃气体检测报警、紧急切断阀完好有效", "workshop"],
          ["management", "罐区每两小时巡检一次，记录液位、温度、压力", "department"],
          ["emergency", "泡沫灭火系统完好，每半年开展一次罐区火灾应急演练", "enterprise"],
        ],
      ],
    ],
    factors: [
      { L: 3, E: 6, C: 40 },
      { L: 1, E: 6, C: 40 },
      { L: 3, E: 6, C: 15 },
      { L: 1, E: 6, C: 15 },
    ],
  },
  {
    name: "反应釜",
    kind: "facility",
    at: [0.5, 0.3],
    events: [
      [
        "反应失控，超温超压",
        "vessel_explosion",
        "容器爆炸，人员伤亡",
        [
          ["engineering", "温度、压力联锁与安全阀、爆破片定期校验", "workshop"],
          ["training", "操作人员持证上岗，岗前工艺培训", "department"],
        ],
      ],
      ["物料泄漏", "poisoning_asphyxiation", "中毒窒息", [["ppe", "配备正压式空气呼吸器与防毒面具", "team_post"]]],
    ],
    factors: [
      { L: 3, E: 6, C: 15 },
      { L: 1, E: 6, C: 15 },
      { L: 3, E: 3, C: 15 },
      { L: 6, E: 6, C: 15 },
    ],
  },
  {
    name: "装卸区",
    kind: "area",
    at: [0.15, 0.7],
    events: [
      [
        "槽车装卸静电火花引燃",
        "fire",
        "火灾",
        [
          ["engineering", "装卸鹤管静电接地与溢油报警", "workshop"],
          ["management", "装卸作业全程监护，核对槽车资质", "team_post"],
        ],
      ],
      ["厂内车辆倒车碰撞", "vehicle", "人员伤害", [["management", "限速 5 km/h，设专人指挥", "team_post"]]],
    ],
    factors: [
      { L: 3, E: 3, C: 15 },
      { L: 1, E: 3, C: 15 },
      { L: 3, E: 6, C: 7 },
    ],
  },
  {
    name: "配电室",
    kind: "facility",
    at: [0.8, 0.2],
    events: [["带电检修或绝缘破损", "electric_shock", "触电伤亡", [["ppe", "绝缘手套、绝缘靴定期检测", "team_post"]]]],
    factors: [
      { L: 1, E: 6, C: 7 },
      { L: 3, E: 3, C: 7 },
      { L: 3, E: 6, C: 7 },
    ],
  },
  {
    name: "动火作业",
    kind: "activity",
    at: [0.55, 0.65],
    events: [
      [
        "作业区域可燃物未清理、气体未检测",
        "fire",
        "火灾、爆炸",
        [
          ["management", "执行动火作业票制度，作业前气体分析", "department"],
          ["emergency", "现场配备灭火器材并专人监火", "team_post"],
        ],
      ],
    ],
    factors: [
      { L: 3, E: 3, C: 15 },
      { L: 6, E: 3, C: 15 },
      { L: 1, E: 3, C: 15 },
    ],
  },
  {
    name: "有限空间作业",
    kind: "activity",
    at: [0.8, 0.75],
    events: [
      [
        "未通风检测进入储罐、地下池",
        "poisoning_asphyxiation",
        "中毒窒息，施救不当扩大伤亡",
        [
          ["management", "先通风、再检测、后作业，办理作业审批", "department"],
          ["training", "作业及监护人员专项培训", "department"],
        ],
      ],
    ],
    factors: [
      { L: 3, E: 2, C: 40 },
      { L: 1, E: 2, C: 40 },
      { L: 3, E: 1, C: 40 },
    ],
  },
  {
    name: "危化品仓库",
    kind: "area",
    at: [0.35, 0.5],
    events: [["禁忌物料混存", "fire", "火灾、中毒", [["management", "分区分类储存，每日检查温湿度", "workshop"]]]],
    factors: [
      { L: 1, E: 6, C: 15 },
      { L: 3, E: 6, C: 15 },
      { L: 1, E: 3, C: 15 },
    ],
  },
];

const metal: Template[] = [
  {
    name: "起重作业",
    kind: "activity",
    at: [0.3, 0.3],
    events: [["吊物坠落、钢丝绳断裂", "lifting", "物体打击致死", [["management", "起重设备定期检验，司索指挥持证", "department"]]]],
    factors: [
      { L: 3, S: 4 },
      { L: 2, S: 4 },
      { L: 2, S: 3 },
    ],
  },
  {
    name: "煤气区域",
    kind: "area",
    at: [0.7, 0.3],
    events: [
      [
        "煤气泄漏",
        "poisoning_asphyxiation",
        "一氧化碳中毒，多人伤亡",
        [
          ["engineering", "固定式 CO 报警器与联锁排风", "workshop"],
          ["ppe", "进入区域携带便携式 CO 报警仪", "team_post"],
        ],
      ],
    ],
    factors: [
      { L: 2, S: 5 },
      { L: 4, S: 5 },
      { L: 1, S: 5 },
    ],
  },
  {
    name: "熔炼炉",
    kind: "facility",
    at: [0.5, 0.6],
    events: [["高温熔融金属遇水爆炸", "other_explosion", "灼烫、爆炸伤亡", [["engineering", "炉体冷却水流量、温度监测报警", "workshop"]]]],
    factors: [
      { L: 3, S: 4 },
      { L: 2, S: 5 },
      { L: 2, S: 4 },
    ],
  },
  {
    name: "配电室",
    kind: "facility",
    at: [0.85, 0.7],
    events: [["带电检修或绝缘破损", "electric_shock", "触电伤亡", [["ppe", "绝缘工器具定期检测", "team_post"]]]],
    factors: [
      { L: 2, S: 3 },
      { L: 1, S: 3 },
      { L: 2, S: 2 },
    ],
  },
  {
    name: "叉车作业",
    kind: "activity",
    at: [0.2, 0.75],
    events: [["厂内叉车碰撞、倾覆", "vehicle", "人员伤害", [["training", "叉车司机持证，定期安全教育", "workshop"]]]],
    factors: [
      { L: 2, S: 3 },
      { L: 3, S: 2 },
      { L: 1, S: 2 },
    ],
  },
];

/** mulberry32, as in the demo city: the same seed gives the same registers. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function registerOf(e: Enterprise, templates: Template[], rand: () => number, today: string, count: number, placed: boolean) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const chosen = [...templates];
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [chosen[i], chosen[j]] = [chosen[j] as Template, chosen[i] as Template];
  }
  chosen.length = Math.min(count, chosen.length);
  const policy = templates === chemical ? "lec" : "ls-b";
  return chosen.map((tpl) => {
    const point: RiskPointCreate = {
      name: tpl.name,
      kind: tpl.kind,
      location: null,
      notes: null,
      position: placed ? { x: tpl.at[0], y: tpl.at[1] } : null,
      majorHazardSource: !!tpl.storage && e.hasMajorHazardSource,
      responsible: {
        enterprise: { name: e.principalName, phone: e.principalPhone },
        ...(e.safetyManagerName && e.safetyManagerPhone ? { department: { name: e.safetyManagerName, phone: e.safetyManagerPhone } } : {}),
      },
      events: tpl.events.map(([description, accidentType, consequence, measures]) => ({
        description,
        accidentType,
        consequence,
        measures: measures.map(([type, text, layer]) => ({ type, description: text, layer })),
      })),
    };
    // Assessed over the last 14 months: the older ones are overdue for their yearly review (R11).
    const assessment: InitialAssessment = { policy, factors: pick(tpl.factors), assessedOn: addDays(today, -Math.floor(rand() * 425)) };
    return { point, assessment };
  });
}

/** A plain site plan: a light ground, a road and a block under every demo point (PNG). */
export function demoSitePlan(width = 1200, height = 800): Buffer {
  const blocks = chemical.map((t) => t.at);
  return encodePng(width, height, (x, y) => {
    const u = x / width;
    const v = y / height;
    for (const [bx, by] of blocks) {
      const dx = Math.abs(u - bx);
      const dy = Math.abs(v - by);
      if (dx < 0.085 && dy < 0.1) return dx > 0.08 || dy > 0.093 ? [90, 96, 110] : [214, 220, 228];
    }
    if (Math.abs(v - 0.45) < 0.02 || Math.abs(u - 0.68) < 0.015) return [200, 200, 196];
    return [243, 244, 238];
  });
}

/** An RGB PNG from a pixel function (no dependency: deflate and CRC from node:zlib). */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Seeds the demo risk registers; returns how many points were registered. */
export async function seedDemoRisks(db: Db, ctx: Ctx, showcaseEnterpriseId: string | null, seed = 5): Promise<number> {
  const rand = prng(seed);
  const today = shanghaiDay(ctx.now);
  let points = 0;
  // One transaction per page of enterprises keeps seeding to a few seconds.
  for (const category of ["hazardous_chemicals", "fireworks", "industry_trade"] as const) {
    for (let page = 1; ; page++) {
      const batch = await listEnterprises(db, ctx, { category, page, pageSize: 100, sort: "name" });
      const registers: RiskRegister[] = [];
      for (const e of batch.items) {
        if (e.id === showcaseEnterpriseId || e.status === "closed") continue;
        if (category === "industry_trade" && e.subcategory !== "metallurgy" && e.subcategory !== "nonferrous") continue;
        const templates = category === "industry_trade" ? metal : chemical;
        registers.push({ enterprise: e, items: registerOf(e, templates, rand, today, 3 + Math.floor(rand() * 3), false) });
      }
      points += (await registerRiskRegisters(db, ctx, registers)).length;
      if (page * 100 >= batch.total) break;
    }
  }
  if (showcaseEnterpriseId) {
    const e = await getEnterprise(db, ctx, showcaseEnterpriseId);
    points += (
      await registerRiskRegisters(db, ctx, [{ enterprise: e, items: registerOf(e, chemical, rand, today, chemical.length, true) }])
    ).length;
    await uploadSitePlan(db, ctx, showcaseEnterpriseId, demoSitePlan());
  }
  return points;
}
