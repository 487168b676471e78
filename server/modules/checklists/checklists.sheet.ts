import type { Readable } from "node:stream";
import type { z } from "zod";
import type { EnterpriseCategory } from "../../../domain/enterprise/enterprise.dto.js";
import { categoryLabels, enterpriseCategories } from "../../../domain/enterprise/enterprise.dto.js";
import { ChecklistContent, type ChecklistItem } from "../../../domain/inspections/checklist.js";
import { loadExcel } from "../../kernel/files/excel.js";
import { AppError, type FieldError } from "../../kernel/http/errors.js";
import { localiseIssue } from "../../kernel/http/validation.js";

/**
 * A template as .xlsx: sheet 1 「检查表」 one item per row (its section in the first two columns, consecutive
 * rows of one section id form that section), sheet 2 「检查表信息」 the name and category. Labels are Chinese;
 * the importer also takes the API codes (pass_fail, major…). Import reads with exceljs's streaming reader.
 */
export { xlsxType } from "../../kernel/files/excel.js";

const typeLabels: Record<ChecklistItem["type"], string> = {
  pass_fail: "合格/不合格",
  number: "数值",
  text: "文字",
  photo: "照片",
  signature: "签名",
};
const failLabels: Record<ChecklistItem["onFail"], string> = { general: "一般隐患", major: "重大隐患", note: "仅记录" };
const hazardCategoryLabels: Record<string, string> = { basic_management: "基础管理", site_management: "现场管理" };
/** ChecklistContent allows at most 1,000 items; a longer sheet is refused while reading. */
const maxItems = 1000;
const yes = "是";
const no = "否";

type Key =
  | "sectionId"
  | "sectionTitle"
  | "id"
  | "question"
  | "type"
  | "photoOnFail"
  | "min"
  | "max"
  | "unit"
  | "standard"
  | "number"
  | "version"
  | "article"
  | "onFail"
  | "criterionId"
  | "hazardCategory"
  | "hazardSubType";

const columns: { key: Key; header: string; width: number; required?: boolean }[] = [
  { key: "sectionId", header: "分节编号", width: 12 },
  { key: "sectionTitle", header: "分节名称", width: 24, required: true },
  { key: "id", header: "检查项编号", width: 20 },
  { key: "question", header: "检查内容", width: 60, required: true },
  { key: "type", header: "类型", width: 14, required: true },
  { key: "photoOnFail", header: "不合格须拍照", width: 12 },
  { key: "min", header: "下限", width: 8 },
  { key: "max", header: "上限", width: 8 },
  { key: "unit", header: "单位", width: 8 },
  { key: "standard", header: "依据标准", width: 40 },
  { key: "number", header: "文号/标准号", width: 22 },
  { key: "version", header: "版本", width: 12 },
  { key: "article", header: "条款", width: 22 },
  { key: "onFail", header: "不合格判定", width: 12 },
  { key: "criterionId", header: "判定标准条目", width: 20 },
  { key: "hazardCategory", header: "隐患类别", width: 10 },
  { key: "hazardSubType", header: "隐患子类", width: 18 },
];

const infoName = "名称";
const infoCategory = "适用类别";

export type SheetMeta = { name: string; category: EnterpriseCategory | null; source?: string };

/** The workbook of one template (a published version or the draft). */
export async function checklistWorkbook(meta: SheetMeta, content: ChecklistContent): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet("检查表");
  sheet.columns = columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const s of content.sections) {
    for (const it of s.items) {
      sheet.addRow({
        sectionId: s.id,
        sectionTitle: s.title,
        id: it.id,
        question: it.question,
        type: typeLabels[it.type],
        photoOnFail: it.photoOnFail ? yes : no,
        min: it.min ?? "",
        max: it.max ?? "",
        unit: it.unit ?? "",
        standard: it.clause?.standard ?? "",
        number: it.clause?.number ?? "",
        version: it.clause?.version ?? "",
        article: it.clause?.article ?? "",
        onFail: failLabels[it.onFail],
        criterionId: it.criterionId ?? "",
        hazardCategory: hazardCategoryLabels[it.hazardCategory] ?? it.hazardCategory,
        hazardSubType: it.hazardSubType ?? "",
      });
    }
  }
  const info = workbook.addWorksheet("检查表信息");
  info.columns = [
    { header: "项目", key: "k", width: 16 },
    { header: "内容", key: "v", width: 60 },
  ];
  info.getRow(1).font = { bold: true };
  info.addRow({ k: infoName, v: meta.name });
  info.addRow({ k: infoCategory, v: meta.category ? categoryLabels[meta.category].zh : "" });
  if (meta.source) info.addRow({ k: "来源", v: meta.source });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const fileError = (code: string, params?: Record<string, string | number>) =>
  new AppError(400, "validation", { fields: [{ path: "file", code, params }] });

/** A cell as text: numbers, rich text and formula results included. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (Array.isArray(o.richText))
      return o.richText
        .map((r) => r.text)
        .join("")
        .trim();
    if ("result" in o) return cellText(o.result);
    if ("text" in o) return cellText(o.text);
    return "";
  }
  return String(v).trim();
}

const normaliseHeader = (h: string) => h.replace(/\*$/, "").replace(/\s/g, "");
const fromLabel = <T extends string>(labels: Record<T, string>, v: string): T | undefined =>
  (Object.keys(labels) as T[]).find((k) => k === v || labels[k] === v);

export type ParsedSheet = {
  meta: Partial<SheetMeta>;
  content: ChecklistContent;
  /** The worksheet row of each item, section by section (for errors the service finds later). */
  rowOf: (sectionIndex: number, itemIndex?: number) => number;
};

/** Maps a content path (sections.1.items.3.max) to the sheet's field path (rows.12.max). */
export function sheetPathOf(parsed: Pick<ParsedSheet, "rowOf">, path: string): string {
  const m = /^(?:draft\.)?sections\.(\d+)(?:\.items\.(\d+))?(?:\.(.+))?$/.exec(path);
  if (!m) return "file";
  const field = m[3] === "title" ? "sectionTitle" : m[3] === "id" && m[2] === undefined ? "sectionId" : (m[3] ?? "question");
  const clauseField = field.replace(/^clause\./, "");
  return `rows.${parsed.rowOf(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]))}.${clauseField}`;
}

type RawRow = { rowNo: number; cells: Partial<Record<Key, string>> };

/**
 * Reads an uploaded template: every row is checked and all problems are answered together (400, fields
 * `rows.<row>.<column>` with the worksheet row number), so nothing is stored from a file with any bad row.
 * A template is at most 1,000 rows, so the upload is buffered and opened through the zip's central directory
 * (JSZip): the streaming reader (unzipper, which parses entries as they arrive) once refused a valid exported
 * file in CI ("cannot be read"), not reproducible alone; a small file gains nothing from streaming.
 */
export async function readChecklistSheet(input: Readable): Promise<ParsedSheet> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(chunk as Buffer);
  const workbook = new (await loadExcel()).Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const raw: RawRow[] = [];
  const meta: Partial<SheetMeta> = {};
  const [items, info] = workbook.worksheets;
  let header: Map<Key, number> | null = null;
  items?.eachRow((row) => {
    const cells = Array.from(row.values as unknown[]).map(cellText);
    if (cells.every((c) => c === "")) return;
    if (!header) {
      const found = new Map<Key, number>();
      cells.forEach((h, i) => {
        const c = columns.find((col) => col.header === normaliseHeader(h) || col.key === normaliseHeader(h));
        if (c && !found.has(c.key)) found.set(c.key, i);
      });
      if (!found.has("sectionTitle") || !found.has("question") || !found.has("type")) throw fileError("checklists.file.columns");
      header = found;
      return;
    }
    if (raw.length >= maxItems) throw fileError("checklists.too_many_items");
    const r: RawRow = { rowNo: row.number, cells: {} };
    for (const [key, i] of header) r.cells[key] = cells[i] ?? "";
    raw.push(r);
  });
  info?.eachRow((row) => {
    const cells = Array.from(row.values as unknown[]).map(cellText);
    const [k, v] = [cells[1] ?? "", cells[2] ?? ""];
    if (k === infoName && v) meta.name = v;
    if (k === infoCategory) {
      const cat = enterpriseCategories.find((c) => c === v || categoryLabels[c].zh === v || categoryLabels[c].en === v);
      meta.category = cat ?? null;
    }
  });
  if (!header) throw fileError("checklists.file.columns");
  if (raw.length === 0) throw fileError("checklists.file.empty");
  return assemble(raw, meta);
}

function assemble(raw: RawRow[], meta: Partial<SheetMeta>): ParsedSheet {
  const fields: FieldError[] = [];
  const bad = (rowNo: number, key: Key, value: string) => {
    const column = columns.find((c) => c.key === key)?.header ?? key;
    fields.push({ path: `rows.${rowNo}.${key}`, code: "checklists.file.cell", params: { column, value } });
  };
  const num = (r: RawRow, key: Key): number | null => {
    const v = r.cells[key] ?? "";
    if (v === "") return null;
    const n = Number(v);
    if (!Number.isFinite(n)) bad(r.rowNo, key, v);
    return Number.isFinite(n) ? n : null;
  };
  const sections: { id: string; title: string; items: unknown[]; rows: number[] }[] = [];
  for (const r of raw) {
    const c = r.cells;
    const sectionId = c.sectionId || `s${sections.length + 1}`;
    const title = c.sectionTitle ?? "";
    let section = sections[sections.length - 1];
    if (!section || (c.sectionId ? section.id !== c.sectionId : section.title !== title)) {
      section = { id: c.sectionId ? sectionId : `s${sections.length + 1}`, title, items: [], rows: [] };
      sections.push(section);
    }
    const type = fromLabel(typeLabels, c.type ?? "");
    if (!type) bad(r.rowNo, "type", c.type ?? "");
    const onFail = c.onFail ? fromLabel(failLabels, c.onFail) : "general";
    if (!onFail) bad(r.rowNo, "onFail", c.onFail ?? "");
    const photo = c.photoOnFail ?? "";
    if (photo && ![yes, no, "true", "false"].includes(photo)) bad(r.rowNo, "photoOnFail", photo);
    const hazardCategory = c.hazardCategory ? fromLabel(hazardCategoryLabels, c.hazardCategory) : "site_management";
    if (!hazardCategory) bad(r.rowNo, "hazardCategory", c.hazardCategory ?? "");
    const standard = c.standard ?? "";
    section.items.push({
      id: c.id || `r${r.rowNo}`,
      question: c.question ?? "",
      type,
      photoOnFail: photo === yes || photo === "true",
      min: num(r, "min"),
      max: num(r, "max"),
      unit: c.unit || null,
      clause:
        standard || c.number || c.article ? { standard, number: c.number ?? "", version: c.version ?? "", article: c.article ?? "" } : null,
      onFail,
      criterionId: c.criterionId || null,
      hazardCategory,
      hazardSubType: c.hazardSubType || null,
    });
    section.rows.push(r.rowNo);
  }
  const rowOf = (si: number, ii?: number) => {
    const s = sections[si];
    return (ii === undefined ? s?.rows[0] : s?.rows[ii]) ?? 0;
  };
  if (fields.length) throw new AppError(400, "validation", { fields });
  const parsed = ChecklistContent.safeParse({ sections: sections.map(({ id, title, items }) => ({ id, title, items })) });
  if (!parsed.success) throw new AppError(400, "validation", { fields: parsed.error.issues.map((i) => issueField(i, rowOf)) });
  return { meta, content: parsed.data, rowOf };
}

function issueField(issue: z.core.$ZodIssue, rowOf: ParsedSheet["rowOf"]): FieldError {
  const path = sheetPathOf({ rowOf }, issue.path.map(String).join("."));
  return { path, message: { zh: localiseIssue(issue, "zh-CN"), en: localiseIssue(issue, "en") } };
}
