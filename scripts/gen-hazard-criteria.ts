// Generates domain/hazards/criteria-library.ts from the major-hazard criteria (重大事故隐患判定标准) shipped in
// reference/standards/: the 2017 化工和危险化学品 / 烟花爆竹 standards (安监总管三〔2017〕121号) and the transcribed
// part of the 2023 工贸 standard (应急管理部令第10号). Run: npx tsx scripts/gen-hazard-criteria.ts — the output is
// committed; re-run it when a CSV changes (a later complete 工贸 text replaces the partial file).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvRecords } from "../server/kernel/files/csv.js";

const root = join(import.meta.dirname, "..");
const read = (file: string) => parseCsvRecords(readFileSync(join(root, "reference/standards", file), "utf8"));
const out = join(root, "domain/hazards/criteria-library.ts");

const digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
/** 1–99 as Chinese numerals (十, 十二, 二十). */
function cn(n: number): string {
  if (n < 10) return digits[n] ?? "";
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? "" : digits[tens]}十${digits[n % 10]}`;
}

/** 三 → 3, 十一 → 11 (article numbers, for ASCII ids). */
function fromCn(s: string): number {
  const [a, b] = s.split("十");
  if (b === undefined) return digits.indexOf(s);
  return (a ? digits.indexOf(a) : 1) * 10 + (b ? digits.indexOf(b) : 0);
}

type Item = {
  id: string;
  standard: string;
  docNo: string;
  version: string;
  article: string | null;
  item: number;
  ref: string;
  text: string;
  scope: string | null;
  categories: string[];
  subcategories: string[] | null;
  complete: boolean;
};
const problems: string[] = [];
const items: Item[] = [];

// 2017: two standards under one document number, items numbered 1–20 each.
for (const r of read("major-hazard-criteria-chemical-fireworks-2017.csv")) {
  const n = Number(r.item_no);
  if (!Number.isInteger(n) || n < 1) problems.push(`2017: bad item_no "${r.item_no}"`);
  const fireworks = (r.standard ?? "").startsWith("烟花爆竹");
  const short = fireworks ? "烟花爆竹" : "化工和危险化学品";
  items.push({
    id: `aj2017-121-${fireworks ? "fw" : "chem"}-${n}`,
    standard: r.standard ?? "",
    docNo: r.doc_no ?? "",
    version: "2017（试行）",
    article: null,
    item: n,
    ref: `${r.doc_no} ${short}(${cn(n)})`,
    text: r.text ?? "",
    scope: null,
    categories: [fireworks ? "fireworks" : "hazardous_chemicals"],
    subcategories: null,
    complete: true,
  });
}

// 2023 工贸: only numbered items of 第三条 onwards; 第三条 and the conditional articles apply to every 工贸
// enterprise, the industry articles to that sub-category (10号令 Art. 2 leaves chemicals, fire, gas and special
// equipment to their own standards).
const industryOf: Record<string, string> = {
  冶金企业: "metallurgy",
  有色企业: "nonferrous",
  建材企业: "building_materials",
  机械企业: "machinery",
  轻工企业: "light_industry",
  纺织企业: "textile",
  烟草企业: "tobacco",
};
for (const r of read("major-hazard-criteria-gongmao-2023-partial.csv")) {
  if (!r.item_no) continue;
  const n = Number(r.item_no);
  if (!Number.isInteger(n) || n < 1) problems.push(`2023: bad item_no "${r.item_no}"`);
  const article = r.article ?? "";
  const articleNo = fromCn(article.replace(/^第(.+)条$/, "$1"));
  const sub = industryOf[r.scope ?? ""];
  items.push({
    id: `mem2023-10-a${articleNo}-${n}`,
    standard: "工贸企业重大事故隐患判定标准",
    docNo: "应急管理部令第10号",
    version: "2023",
    article,
    item: n,
    ref: `应急管理部令第10号 ${article}(${cn(n)})`,
    text: r.text ?? "",
    scope: r.scope ?? null,
    categories: ["industry_trade"],
    subcategories: sub ? [sub] : null,
    complete: r.completeness === "complete",
  });
}
const ids = new Set<string>();
for (const i of items) {
  if (ids.has(i.id)) problems.push(`duplicate id ${i.id}`);
  ids.add(i.id);
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}

const text = `// Do not edit: change the CSVs in reference/standards/ and re-run \`npx tsx scripts/gen-hazard-criteria.ts\`.
// 重大事故隐患判定标准 items (安全生产法 Art. 118 ¶2; hazards.md R2): matching any item makes a hazard 重大.

import type { EnterpriseCategory } from "../enterprise/enterprise.dto.js";

export type CriterionItem = {
  /** Stable key stored on the hazard. */
  id: string;
  standard: string;
  docNo: string;
  version: string;
  /** 条 (工贸 2023 only; the 2017 standards number items directly). */
  article: string | null;
  item: number;
  /** The citation stored with the hazard, e.g. "应急管理部令第10号 第三条(二)". */
  ref: string;
  text: string;
  /** What the article covers (工贸: 管理类, 冶金企业, 存在粉尘爆炸危险的工贸企业…). */
  scope: string | null;
  categories: readonly EnterpriseCategory[];
  /** 工贸 sub-categories an industry article is limited to; null = every enterprise of the categories. */
  subcategories: readonly string[] | null;
  /** False where the transcription was cut off (the text ends in "……"). */
  complete: boolean;
};

export const criteriaItems: readonly CriterionItem[] = ${JSON.stringify(items, null, 2)};
`;
writeFileSync(out, text);
const fmt = spawnSync("npx", ["biome", "format", "--write", out], { cwd: root, stdio: "inherit" });
if (fmt.status !== 0) process.exit(fmt.status ?? 1);
console.log(`wrote ${out}: ${items.length} items`);
