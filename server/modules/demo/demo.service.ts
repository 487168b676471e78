import type { Role } from "../../../domain/access/roles.js";
import type { DepartmentKind } from "../../../domain/departments/department.dto.js";
import type { EnterpriseCategory, EnterpriseCreate } from "../../../domain/enterprise/enterprise.dto.js";
import { usccAlphabet, usccCheckCharacter } from "../../../domain/enterprise/uscc.js";
import type { Actor, Ctx } from "../../kernel/auth/actor.js";
import { generatePassword } from "../../kernel/auth/secrets.js";
import type { Db } from "../../kernel/db/db.js";
import { createUser } from "../accounts/users.service.js";
import { seedDemoChecks } from "../checks/checks.demo.js";
import { createDepartment } from "../departments/departments.service.js";
import { seedDemoEnforcement } from "../enforcement/enforcement.demo.js";
import { commitImport, importReport, validateImport } from "../enterprises/enterprises.import.js";
import { listEnterprises } from "../enterprises/enterprises.service.js";
import type { SheetRow } from "../enterprises/enterprises.sheet.js";
import { seedDemoHazards } from "../hazards/hazards.demo.js";
import { seedDemoInspections } from "../inspections/inspections.demo.js";
import { seedDemoHazardUnits } from "../major-hazard/major-hazard.demo.js";
import { seedDemoDraw } from "../random-draws/random-draws.demo.js";
import { builtInDivisions, listRegionChildren } from "../regions/regions.service.js";
import { seedDemoRisks } from "../risk/risk.demo.js";

/**
 * The demo city: 常州市 (3204) with its real grid, departments for the city and its six county-level
 * units, about 3,000 plausible enterprises spread over its 1,049 villages/communities, and one account
 * per role. Everything goes through the services users call (department creation, the enterprise
 * import, account creation), so the demo is what those services produce. Deterministic: the same
 * seed gives the same city.
 */
export const demoCity = "3204";

export type DemoAccount = {
  role: Role;
  username: string;
  password: string;
  regionCode: string | null;
  enterpriseId: string | null;
  description: string;
};

const demoKinds: DepartmentKind[] = [
  "emergency",
  "housing",
  "transport",
  "market",
  "commerce",
  "education",
  "culture_tourism",
  "fire",
  "industry_it",
];
const kindNames: Record<string, string> = {
  emergency: "应急管理局",
  housing: "住房和城乡建设局",
  transport: "交通运输局",
  market: "市场监督管理局",
  commerce: "商务局",
  education: "教育局",
  culture_tourism: "文化广电和旅游局",
  fire: "消防救援大队",
  industry_it: "工业和信息化局",
};

/** Category mix of a Jiangsu manufacturing city, with industry codes (GB/T 4754-2017 小类) and name words that fit. */
const profiles: {
  category: EnterpriseCategory;
  weight: number;
  subcategory?: EnterpriseCreate["subcategory"];
  industries: [string, string][];
}[] = [
  {
    category: "hazardous_chemicals",
    weight: 8,
    industries: [
      ["2614", "化工"],
      ["2619", "化学"],
      ["2641", "涂料"],
      ["2661", "化学试剂"],
      ["2631", "农药"],
      ["5162", "石油化工贸易"],
      ["5265", "加油站"],
    ],
  },
  { category: "fireworks", weight: 1, industries: [["2672", "烟花爆竹"]] },
  {
    category: "mining",
    weight: 1,
    industries: [
      ["1011", "石灰石矿业"],
      ["1019", "砂石"],
    ],
  },
  {
    category: "industry_trade",
    subcategory: "metallurgy",
    weight: 4,
    industries: [
      ["3110", "钢铁"],
      ["3120", "特钢"],
      ["3130", "钢材"],
    ],
  },
  {
    category: "industry_trade",
    subcategory: "nonferrous",
    weight: 3,
    industries: [
      ["3216", "铝业"],
      ["3251", "铜业"],
    ],
  },
  {
    category: "industry_trade",
    subcategory: "building_materials",
    weight: 5,
    industries: [
      ["3011", "水泥"],
      ["3021", "建材"],
      ["3051", "玻璃"],
    ],
  },
  {
    category: "industry_trade",
    subcategory: "machinery",
    weight: 22,
    industries: [
      ["3411", "锅炉"],
      ["3441", "泵业"],
      ["3311", "钢结构"],
      ["3411", "机械"],
    ],
  },
  {
    category: "industry_trade",
    subcategory: "light_industry",
    weight: 8,
    industries: [
      ["2221", "纸业"],
      ["2231", "包装"],
      ["1511", "酒业"],
    ],
  },
  {
    category: "industry_trade",
    subcategory: "textile",
    weight: 8,
    industries: [
      ["1711", "纺织"],
      ["1713", "印染"],
      ["1811", "服饰"],
    ],
  },
  { category: "industry_trade", subcategory: "tobacco", weight: 1, industries: [["1620", "卷烟"]] },
  {
    category: "industry_trade",
    subcategory: "commerce_trade",
    weight: 5,
    industries: [
      ["5920", "仓储"],
      ["5990", "物流仓储"],
    ],
  },
  {
    category: "construction",
    weight: 9,
    industries: [
      ["4710", "建设"],
      ["4710", "建筑工程"],
    ],
  },
  {
    category: "transport",
    weight: 6,
    industries: [
      ["5431", "运输"],
      ["5432", "冷链物流"],
      ["5441", "客运"],
    ],
  },
  {
    category: "crowded_places",
    weight: 7,
    industries: [
      ["5211", "商贸"],
      ["5212", "超市"],
      ["6110", "大酒店"],
      ["9011", "娱乐"],
      ["8760", "影城"],
    ],
  },
  {
    category: "other",
    weight: 4,
    industries: [
      ["7299", "商务服务"],
      ["6210", "餐饮"],
    ],
  },
];
const brands =
  "华源 恒达 金盛 永固 鑫宇 天成 中科 宏远 东方 瑞丰 新杰 德润 嘉禾 长江 太湖 龙城 常青 伟业 汇通 安泰 博远 晨光 丰达 海川 锦程 力拓 明辉 南山 启航 荣盛 三江 顺发 腾飞 万通 祥和 亚泰 银河 正大 卓越 高新".split(
    " ",
  );
const surnames =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split(
    "",
  );
const given = "伟 芳 娜 敏 静 磊 强 洋 艳 勇 军 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 建华 志强 国平 海燕 文博 晓东 子豪 雨涵 浩然".split(" ");

/** mulberry32: a small deterministic PRNG, so every demo city is the same city. */
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

function uscc(countyCode: string, serial: number): string {
  let s = "";
  for (let x = serial, i = 0; i < 7; i++, x = Math.floor(x / 31)) s = usccAlphabet[x % 31] + s;
  const body = `91${countyCode}MA${s}`;
  return body + usccCheckCharacter(body);
}

/** Micro 45 %, small 38 %, medium 13 %, large 4 %, with headcounts to match (统计上大中小微型企业划分办法). */
function scaleOf(r: number): { scale: EnterpriseCreate["scale"]; headcount: (x: number) => number } {
  if (r < 0.45) return { scale: "micro", headcount: (x) => 3 + Math.floor(x * 17) };
  if (r < 0.83) return { scale: "small", headcount: (x) => 20 + Math.floor(x * 280) };
  if (r < 0.96) return { scale: "medium", headcount: (x) => 300 + Math.floor(x * 700) };
  return { scale: "large", headcount: (x) => 1000 + Math.floor(x * 4000) };
}

/** The generated enterprise rows (pure: no I/O but the shipped village list). */
export function demoEnterprises(count = 3000, seed = 3204): EnterpriseCreate[] {
  const rand = prng(seed);
  const divisions = builtInDivisions().filter((d) => d.code.startsWith(demoCity));
  const names = new Map(divisions.map((d) => [d.code, d.name]));
  const villages = divisions.filter((d) => d.code.length === 12).map((d) => d.code);
  const totalWeight = profiles.reduce((s, p) => s + p.weight, 0);
  // The profile whose cumulative weight first exceeds `x` (x in [0, totalWeight)).
  const weighted = (x: number) => {
    let acc = 0;
    for (const p of profiles) {
      acc += p.weight;
      if (x < acc) return p;
    }
    return profiles[profiles.length - 1] as (typeof profiles)[number];
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const person = () => `${pick(surnames)}${pick(given)}`;
  const phone = () => `1${pick(["38", "39", "50", "51", "58", "80", "87", "89"])}${String(Math.floor(rand() * 1e8)).padStart(8, "0")}`;
  const used = new Set<string>();
  const rows: EnterpriseCreate[] = [];
  for (let i = 0; rows.length < count; i++) {
    const profile = weighted(rand() * totalWeight);
    const [industryCode, word] = pick(profile.industries);
    const village = pick(villages);
    const county = village.slice(0, 6);
    const countyName = (names.get(county) ?? "常州市").replace(/区$/, "");
    const name = `${countyName.startsWith("溧阳") || countyName.startsWith("金坛") ? countyName : `常州市${countyName}`}${pick(brands)}${word}有限公司`;
    if (used.has(name)) continue;
    used.add(name);
    const size = scaleOf(rand());
    const principal = person();
    rows.push({
      name,
      uscc: uscc(county, 10_000 + i),
      address: `${names.get(county) ?? ""}${names.get(village.slice(0, 9)) ?? ""}${names.get(village)?.replace(/(村民委员会|居民委员会|社区居委会|居委会|村委会)$/, "") ?? ""}${1 + Math.floor(rand() * 300)}号`,
      regionCode: village,
      industryCode,
      category: profile.category,
      subcategory: profile.subcategory ?? null,
      scale: size.scale,
      headcount: size.headcount(rand()),
      legalRepresentative: rand() < 0.7 ? principal : person(),
      principalName: principal,
      principalPhone: phone(),
      safetyManagerName: person(),
      safetyManagerPhone: phone(),
      hasMajorHazardSource: profile.category === "hazardous_chemicals" ? rand() < 0.3 : false,
      standardisationGrade:
        profile.category === "hazardous_chemicals" || profile.subcategory === "metallurgy"
          ? pick(["level2", "level3", "level3"] as const)
          : pick(["level3", "none", "none"] as const),
      status: rand() < 0.97 ? "operating" : "suspended",
      // Within 常州市's extent, to the precision of a phone's GPS fix.
      longitude: Math.round((119.2 + rand() * 0.8) * 1e6) / 1e6,
      latitude: Math.round((31.3 + rand() * 0.6) * 1e6) / 1e6,
    });
  }
  return rows;
}

async function* sheetOf(rows: EnterpriseCreate[]): AsyncGenerator<SheetRow> {
  let rowNo = 1;
  for (const values of rows) yield { rowNo: ++rowNo, values, errors: [] };
}

/** 行政执法证号 of the demo regulators (fictional numbers). */
const demoCertificates: Record<string, string> = {
  "cz-yjj": "JF320400001",
  "ly-inspector": "JF320481001",
  "ly-inspector2": "JF320481002",
};

/** Seeds the demo city through the services and returns the demo accounts (passwords shown once). */
export async function seedDemoCity(db: Db, now: Date, count = 3000): Promise<DemoAccount[]> {
  // The seeding acts as the system administrator it is.
  const system: Actor = {
    userId: "00000000-0000-4000-8000-000000000000",
    username: "demo-seed",
    displayName: "演示数据",
    role: "admin",
    regionCode: null,
    enterpriseId: null,
    mustChangePassword: false,
    via: { kind: "token", tokenId: "demo-seed" },
  };
  const ctx: Ctx = { actor: system, ip: null, now };

  const counties = (await listRegionChildren(db, demoCity)).items;
  for (const region of [{ code: demoCity, name: "常州市" }, ...counties]) {
    for (const kind of demoKinds) {
      await createDepartment(db, ctx, {
        regionCode: region.code,
        kind,
        name: `${region.name}${kindNames[kind]}`,
        phone: `0519-${8000_0000 + demoKinds.indexOf(kind) * 101 + region.code.length}`,
      });
    }
  }

  const id = await validateImport(db, ctx, "常州市演示企业.xlsx", sheetOf(demoEnterprises(count)));
  const report = await importReport(db, ctx, id, "zh-CN");
  await commitImport(db, ctx, id, report.version);

  const chemical = (
    await listEnterprises(db, ctx, { region: "320481", category: "hazardous_chemicals", page: 1, pageSize: 1, sort: "-headcount" })
  ).items[0];
  const accounts: Omit<DemoAccount, "password">[] = [
    { role: "admin", username: "demo-admin", regionCode: null, enterpriseId: null, description: "市级系统管理员 / city administrator" },
    {
      role: "regulator_leader",
      username: "cz-yjj",
      regionCode: demoCity,
      enterpriseId: null,
      description: "常州市应急管理局负责人 / city emergency bureau leader",
    },
    {
      role: "regulator_inspector",
      username: "ly-inspector",
      regionCode: "320481",
      enterpriseId: null,
      description: "溧阳市执法检查人员 / 溧阳市 inspector",
    },

    {
      role: "grid_member",
      username: "ly-grid",
      regionCode: "320481002",
      enterpriseId: null,
      description: "溧阳市溧城街道网格员 / township grid member",
    },
    {
      role: "enterprise_admin",
      username: "ly-chem-admin",
      regionCode: null,
      enterpriseId: chemical?.id ?? null,
      description: `企业管理员：${chemical?.name ?? ""}`,
    },
  ];
  const out: DemoAccount[] = [];
  const actors = new Map<string, Actor>();
  for (const a of accounts) {
    if (a.role === "enterprise_admin" && !a.enterpriseId) continue;
    const password = generatePassword(12);
    const user = await createUser(
      db,
      { actor: null, ip: null, now },
      {
        username: a.username,
        displayName: a.description.split(" / ")[0] ?? a.username,
        role: a.role,
        regionCode: a.regionCode,
        enterpriseId: a.enterpriseId,
        // 行政执法证号: the demo regulators are on the inspector directory (double-random.md R3).
        enforcementCertNo: demoCertificates[a.username] ?? null,
        password,
      },
    );
    out.push({ ...a, password });
    actors.set(a.username, {
      ...system,
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: a.role,
      regionCode: a.regionCode,
      enterpriseId: a.enterpriseId,
    });
  }
  // The county's second 执法人员, so 溧阳市 has a team of two (行政处罚法 Art. 42). Not a demo sign-in: its random
  // password is not kept (the administrator can reset it); it signs the records with ly-inspector.
  const second = await createUser(
    db,
    { actor: null, ip: null, now },
    {
      username: "ly-inspector2",
      displayName: "溧阳市执法检查人员（二）",
      role: "regulator_inspector",
      regionCode: "320481",
      enterpriseId: null,
      enforcementCertNo: demoCertificates["ly-inspector2"] ?? null,
      password: generatePassword(16),
    },
  );
  const chemicalAdmin = actors.get("ly-chem-admin") ?? null;
  const inspector = actors.get("ly-inspector") ?? null;
  const inspector2: Actor = {
    ...system,
    userId: second.id,
    username: second.username,
    displayName: second.displayName,
    role: "regulator_inspector",
    regionCode: "320481",
  };
  const leader = actors.get("cz-yjj") ?? null;
  // 危险化学品重大危险源: units of 溧阳市's chemical plants, identified and graded (GB 18218-2018).
  await seedDemoHazardUnits(db, ctx);
  // 风险分级管控: risk registers of the chemical and metallurgy enterprises; the demo company's on its site plan.
  await seedDemoRisks(db, ctx, chemical?.id ?? null);
  // 隐患排查: the demo company's check tasks with four weeks of rounds done by its administrator.
  if (chemical && chemicalAdmin) await seedDemoChecks(db, ctx, chemical.id, chemicalAdmin);
  // 隐患治理: findings in every state of the loop, a listed 重大 hazard, and today's escalation run.
  if (chemical && chemicalAdmin && inspector) await seedDemoHazards(db, ctx, chemical.id, chemicalAdmin, inspector);
  // 双随机一公开: an executed draw over 溧阳市 with a fixed (demo) beacon value, publicly re-runnable.
  const draw = inspector ? await seedDemoDraw(db, ctx, inspector) : null;
  // 检查: the company's weekly self-inspections, the approved annual plan, a finished and an open regulator inspection.
  if (chemical && chemicalAdmin && inspector && leader) {
    const visit = await seedDemoInspections(db, ctx, {
      companyId: chemical.id,
      companyAdmin: chemicalAdmin,
      inspectors: [inspector, inspector2],
      leader,
      draw,
    });
    // 执法: a case through its whole penalty path (published), and one with its order to rectify running.
    await seedDemoEnforcement(db, ctx, { companyId: chemical.id, inspectors: [inspector, inspector2], ...visit });
  }
  return out;
}
