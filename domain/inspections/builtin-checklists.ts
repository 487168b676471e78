import type { EnterpriseCategory } from "../enterprise/enterprise.dto.js";
import { type CriterionItem, criteriaItems } from "../hazards/criteria-library.js";
import { type ChecklistContent, type ChecklistItem, ChecklistContent as ContentSchema } from "./checklist.js";

/**
 * Built-in 检查表 templates (issue 7 §1), generated from the 判定标准 library (domain/hazards/criteria-library.ts,
 * itself generated from the standards CSVs) plus a general on-site template. Ids are derived from fixed keys and
 * criterion ids, so a start-up install is idempotent and a published built-in version changes only when this
 * output changes (then the server publishes the next version; it never rewrites one).
 */
export type BuiltinChecklist = {
  /** Stable key (checklists.builtin_key). */
  key: string;
  /** Deterministic row id: the same on every installation. */
  id: string;
  name: string;
  category: EnterpriseCategory | null;
  content: ChecklistContent;
};

/** 64-bit FNV-1a over the UTF-8 bytes (pure: the domain stays free of node:crypto). */
function fnv1a64(text: string, basis: bigint): bigint {
  let h = basis;
  for (const b of new TextEncoder().encode(text)) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h;
}

/** A name-based UUID (version 8 layout) of the key: the same on every installation. */
export function builtinChecklistId(key: string): string {
  const name = `redline:checklist:${key}`;
  const x = (
    fnv1a64(name, 0xcbf29ce484222325n).toString(16).padStart(16, "0") + fnv1a64(name, 0x84222325cbf29ce4n).toString(16).padStart(16, "0")
  ).split("");
  x[12] = "8";
  x[16] = "89ab"[Number.parseInt(x[16] as string, 16) & 3] as string;
  const h = x.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The 判定标准 item as a check: "有无以下情形：…" — a fail (the situation is found) is a 重大 hazard citing it. */
export function criterionQuestion(c: CriterionItem): string {
  const text = c.text.replace(/[。；;，,\s]+$/u, "").replace(/的$/u, "");
  // A criterion whose transcription is cut off says so, rather than passing for the whole text.
  const cut = c.complete ? "" : `（摘录不完整，以 ${c.ref} 原文为准）`;
  return `有无以下情形：${text}${cut}`;
}

/** Management duties (资质、责任制、培训、制度、许可) are filed as 基础管理; the rest as 现场管理. */
const managementText = /考核合格|持证|资格|责任制|制度|操作规程|许可证|承包单位|承租单位|培训|台账|审批|论证|分包转包|一证多厂/u;

function criterionItem(c: CriterionItem, management: boolean): ChecklistItem {
  const basic = management || managementText.test(c.text);
  return {
    id: c.id,
    question: criterionQuestion(c),
    type: "pass_fail",
    photoOnFail: false,
    min: null,
    max: null,
    unit: null,
    clause: {
      standard: c.standard,
      number: c.docNo,
      version: c.version,
      // The ref is "<docNo> <article/item>": the part after the document number.
      article: c.ref.startsWith(c.docNo) ? c.ref.slice(c.docNo.length).trim() : c.ref,
    },
    onFail: "major",
    criterionId: c.id,
    hazardCategory: basic ? "basic_management" : "site_management",
    hazardSubType: null,
  };
}

/** Section ids: the 工贸 article number in pinyin-free form (a3, a11…) or "items" for the numbered 2017 lists. */
const articleNumbers: Record<string, number> = {
  第一条: 1,
  第二条: 2,
  第三条: 3,
  第四条: 4,
  第五条: 5,
  第六条: 6,
  第七条: 7,
  第八条: 8,
  第九条: 9,
  第十条: 10,
  第十一条: 11,
  第十二条: 12,
  第十三条: 13,
  第十四条: 14,
  第十五条: 15,
};

/** Keys of the 工贸 industry articles that name no sub-category (dust, ammonia, confined spaces). */
const scopeSlugs: Array<[RegExp, string]> = [
  [/粉尘爆炸/u, "dust_explosion"],
  [/液氨制冷/u, "ammonia_refrigeration"],
  [/有限空间/u, "confined_space"],
];

function majorTemplates(): BuiltinChecklist[] {
  const out: BuiltinChecklist[] = [];
  const byList = (cat: EnterpriseCategory) => criteriaItems.filter((c) => c.categories.includes(cat) && c.article === null);
  const twoThousandSeventeen: Array<[EnterpriseCategory, string, string]> = [
    ["hazardous_chemicals", "hazardous_chemicals", "化工和危险化学品重大生产安全事故隐患检查表"],
    ["fireworks", "fireworks", "烟花爆竹重大生产安全事故隐患检查表"],
  ];
  for (const [cat, slug, name] of twoThousandSeventeen) {
    const items = byList(cat);
    if (items.length === 0) continue;
    const first = items[0] as CriterionItem;
    const key = `major.${slug}`;
    out.push({
      key,
      id: builtinChecklistId(key),
      name,
      category: cat,
      content: {
        sections: [{ id: "items", title: `${first.standard}（${first.docNo}）`, items: items.map((c) => criterionItem(c, false)) }],
      },
    });
  }
  // 工贸 (应急管理部令第10号): one template per transcribed article — 第三条 管理类 for every 工贸 enterprise, then each industry's.
  const articles = new Map<string, CriterionItem[]>();
  for (const c of criteriaItems) {
    if (!c.categories.includes("industry_trade") || c.article === null) continue;
    articles.set(c.article, [...(articles.get(c.article) ?? []), c]);
  }
  const ordered = [...articles.entries()].sort(([a], [b]) => (articleNumbers[a] ?? 99) - (articleNumbers[b] ?? 99));
  for (const [article, items] of ordered) {
    const first = items[0] as CriterionItem;
    const management = /管理类/u.test(first.scope ?? "");
    const slug = management
      ? "general"
      : (first.subcategories?.[0] ??
        scopeSlugs.find(([re]) => re.test(first.scope ?? ""))?.[1] ??
        `article_${articleNumbers[article] ?? article}`);
    const key = `major.industry_trade.${slug}`;
    const scope = management ? "管理类" : (first.scope ?? article);
    out.push({
      key,
      id: builtinChecklistId(key),
      name: `工贸企业重大事故隐患检查表（${scope}）`,
      category: "industry_trade",
      content: {
        sections: [
          {
            id: `a${articleNumbers[article] ?? items[0]?.item}`,
            title: `${first.standard} ${article}（${scope}）`,
            items: items.map((c) => criterionItem(c, management)),
          },
        ],
      },
    });
  }
  return out;
}

// Citations of the general on-site template. Articles are given only where the text is certain; otherwise the
// standard alone is cited.
const law = (article: string) => ({ standard: "中华人民共和国安全生产法", number: "", version: "2021年修正", article });
const fireLaw = (article: string) => ({ standard: "中华人民共和国消防法", number: "", version: "2021年修正", article });
const std = (standard: string, number: string, version: string) => ({ standard, number, version, article: "" });
const gb2894 = std("安全标志及其使用导则", "GB 2894", "2008");
const gb50140 = std("建筑灭火器配置设计规范", "GB 50140", "2005");
const gb50016 = std("建筑设计防火规范", "GB 50016", "2014（2018年版）");
const gb30871 = std("危险化学品企业特殊作业安全规范", "GB 30871", "2022");
const gb4053 = std("固定式钢梯及平台安全要求 第3部分：工业防护栏杆及钢平台", "GB 4053.3", "2009");
const gb50493 = std("石油化工可燃气体和有毒气体检测报警设计标准", "GB/T 50493", "2019");
const gb13869 = std("用电安全导则", "GB/T 13869", "2017");
const gb8196 = std("机械安全 防护装置 固定式和活动式防护装置的设计与制造一般要求", "GB/T 8196", "2018");
const order13 = std("工贸企业有限空间作业安全规定", "应急管理部令第13号", "2023");
const seLaw = std("中华人民共和国特种设备安全法", "", "2013");
const gbz158 = std("工作场所职业病危害警示标识", "GBZ 158", "2003");

type Seed = Partial<ChecklistItem> & Pick<ChecklistItem, "id" | "question" | "clause">;
const general = (s: Seed): ChecklistItem => ({
  type: "pass_fail",
  photoOnFail: false,
  min: null,
  max: null,
  unit: null,
  onFail: "general",
  criterionId: null,
  hazardCategory: "site_management",
  hazardSubType: null,
  ...s,
});
const basic = (s: Seed) => general({ hazardCategory: "basic_management", ...s });

function siteTemplate(): BuiltinChecklist {
  const key = "site.general";
  return {
    key,
    id: builtinChecklistId(key),
    name: "现场通用检查表",
    category: null,
    content: {
      sections: [
        {
          id: "management",
          title: "基础管理",
          items: [
            basic({
              id: "g-resp",
              question: "是否建立并落实全员安全生产责任制",
              clause: law("第二十二条"),
              hazardSubType: "responsibility",
            }),
            basic({
              id: "g-org",
              question: "是否按规定设置安全生产管理机构或配备安全生产管理人员",
              clause: law("第二十四条"),
              hazardSubType: "organisation",
            }),
            basic({
              id: "g-training",
              question: "从业人员是否经安全生产教育和培训合格，培训记录齐全",
              clause: law("第二十八条"),
              hazardSubType: "training",
            }),
            basic({
              id: "g-special-ops",
              question: "特种作业人员是否持证上岗（抽查现场作业人员证件）",
              clause: law("第三十条"),
              hazardSubType: "qualification",
            }),
            basic({
              id: "g-hazard-records",
              question: "是否建立隐患排查治理制度并如实记录隐患排查治理情况",
              clause: law("第四十一条"),
              hazardSubType: "records",
            }),
            basic({
              id: "g-emergency-plan",
              question: "是否制定生产安全事故应急救援预案并定期组织演练",
              clause: law("第八十一条"),
              hazardSubType: "emergency",
            }),
            basic({
              id: "g-contractors",
              question: "承包、承租单位是否签订安全生产管理协议并统一协调管理",
              clause: law("第四十九条"),
              hazardSubType: "contractors",
            }),
          ],
        },
        {
          id: "fire",
          title: "消防安全",
          items: [
            general({
              id: "g-exits",
              question: "疏散通道、安全出口是否畅通，无占用、锁闭、封堵",
              clause: law("第四十二条"),
              photoOnFail: true,
              hazardSubType: "fire",
            }),
            general({
              id: "g-fire-lane",
              question: "消防车通道净宽度（米）",
              type: "number",
              min: 4,
              unit: "m",
              clause: gb50016,
              photoOnFail: true,
              hazardSubType: "fire",
            }),
            general({
              id: "g-hydrants",
              question: "消火栓、消防设施器材未被埋压、圈占、遮挡或停用",
              clause: fireLaw("第二十八条"),
              photoOnFail: true,
              hazardSubType: "fire",
            }),
            general({
              id: "g-extinguishers",
              question: "灭火器配置类型、数量符合要求，压力正常、在有效期内",
              clause: gb50140,
              photoOnFail: true,
              hazardSubType: "fire",
            }),
            general({
              id: "g-extinguisher-distance",
              question: "手提式灭火器最大保护距离（米，严重危险级 A 类火灾场所）",
              type: "number",
              max: 15,
              unit: "m",
              clause: gb50140,
              hazardSubType: "fire",
            }),
            general({
              id: "g-emergency-lighting",
              question: "应急照明和疏散指示标志完好有效",
              clause: fireLaw("第十六条"),
              hazardSubType: "fire",
            }),
            general({
              id: "g-dormitory",
              question: "员工宿舍未与生产、经营、储存场所设在同一座建筑物内，或保持安全距离",
              clause: law("第四十二条"),
              photoOnFail: true,
              hazardSubType: "premises",
            }),
          ],
        },
        {
          id: "site",
          title: "设备设施与场所",
          items: [
            general({
              id: "g-signs",
              question: "有较大危险因素的场所和设施、设备上设置了明显的安全警示标志",
              clause: law("第三十五条"),
              photoOnFail: true,
              hazardSubType: "premises",
            }),
            general({
              id: "g-signs-standard",
              question: "安全标志的颜色、图形和设置位置符合标准",
              clause: gb2894,
              onFail: "note",
              hazardSubType: "premises",
            }),
            general({
              id: "g-safety-devices",
              question: "安全设备经常性维护、保养并定期检测，监测报警装置未被关闭、破坏",
              clause: law("第三十六条"),
              photoOnFail: true,
              hazardSubType: "equipment_process",
            }),
            general({
              id: "g-gas-alarm",
              question: "可燃气体检测报警器一级报警设定值（%LEL）",
              type: "number",
              min: 0,
              max: 25,
              unit: "%LEL",
              clause: gb50493,
              hazardSubType: "equipment_process",
            }),
            general({
              id: "g-guards",
              question: "机械设备的传动、转动等危险部位防护装置齐全有效",
              clause: gb8196,
              photoOnFail: true,
              hazardSubType: "equipment_process",
            }),
            general({
              id: "g-railing",
              question: "平台、通道防护栏杆高度（米，距下方坠落基准面 2 米至 20 米）",
              type: "number",
              min: 1.05,
              unit: "m",
              clause: gb4053,
              photoOnFail: true,
              hazardSubType: "premises",
            }),
            general({
              id: "g-special-equipment",
              question: "特种设备定期检验合格并在检验有效期内，标志置于显著位置",
              clause: seLaw,
              hazardSubType: "special_equipment",
            }),
            general({
              id: "g-electrical",
              question: "配电箱（柜）完好、接地可靠，无私拉乱接电线",
              clause: gb13869,
              photoOnFail: true,
              hazardSubType: "electrical",
            }),
            general({
              id: "g-major-source",
              question: "重大危险源已登记建档、定期检测评估，并落实监控措施",
              clause: law("第四十条"),
              hazardCategory: "basic_management",
              hazardSubType: "records",
            }),
          ],
        },
        {
          id: "operations",
          title: "作业行为与职业卫生",
          items: [
            general({
              id: "g-dangerous-work",
              question: "动火、吊装、临时用电等危险作业安排专门人员进行现场安全管理",
              clause: law("第四十三条"),
              photoOnFail: true,
              hazardSubType: "operations",
            }),
            general({
              id: "g-hot-work-permit",
              question: "特殊作业办理作业票，作业前进行安全风险分析并落实安全措施",
              clause: gb30871,
              photoOnFail: true,
              hazardSubType: "operations",
            }),
            general({
              id: "g-cylinders",
              question: "动火作业时氧气瓶与乙炔瓶间距（米）",
              type: "number",
              min: 5,
              unit: "m",
              clause: gb30871,
              photoOnFail: true,
              hazardSubType: "operations",
            }),
            general({
              id: "g-confined-space",
              question: "有限空间作业执行“先通风、再检测、后作业”，并有专人监护",
              clause: order13,
              photoOnFail: true,
              hazardSubType: "operations",
            }),
            general({
              id: "g-ppe",
              question: "为从业人员提供符合标准的劳动防护用品，并监督正确佩戴、使用",
              clause: law("第四十五条"),
              photoOnFail: true,
              hazardSubType: "operations",
            }),
            general({
              id: "g-occupational-signs",
              question: "产生职业病危害的岗位设置警示标识和中文警示说明",
              clause: gbz158,
              onFail: "note",
              hazardSubType: "occupational_health",
            }),
          ],
        },
        {
          id: "record",
          title: "现场记录",
          items: [
            general({
              id: "g-overview-photo",
              question: "现场总体情况照片",
              type: "photo",
              clause: null,
              onFail: "note",
              hazardSubType: "other",
            }),
            general({ id: "g-other", question: "其他发现的问题", type: "text", clause: null, onFail: "note", hazardSubType: "other" }),
          ],
        },
      ],
    },
  };
}

let cache: BuiltinChecklist[] | undefined;

/** Every built-in template, in a fixed order; each content passes the ChecklistContent schema (normalised by it). */
export function builtinChecklists(): BuiltinChecklist[] {
  cache ??= [...majorTemplates(), siteTemplate()].map((b) => ({ ...b, content: ContentSchema.parse(b.content) }));
  return cache;
}
