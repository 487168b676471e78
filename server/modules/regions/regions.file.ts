import type { Readable } from "node:stream";
import { maxRegionImportRows } from "../../../domain/regions/region.dto.js";
import { parseCsv } from "../../kernel/files/csv.js";
import { type ExcelJS, loadExcel } from "../../kernel/files/excel.js";
import { AppError } from "../../kernel/http/errors.js";
import type { DivisionImportRow } from "./regions.service.js";

/**
 * Division files an administrator uploads (CSV or Excel): a header row, then one region per row.
 * Columns are matched by header text, in any order; other columns (the reference files' provinceCode,
 * streetCode, …) are ignored, so the shipped division data imports as it is.
 */
const headerAliases = {
  code: ["code", "代码", "区划代码", "行政区划代码", "编码", "区划编码"],
  name: ["name", "名称", "区划名称", "行政区划名称"],
  parentCode: ["parentcode", "parent", "上级代码", "上级区划代码", "上级编码"],
} as const;
type Column = keyof typeof headerAliases;

const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, "")
    .replace(/\*$/, "")
    .replace(/[\s_-]/g, "")
    .toLowerCase();

const fileError = (code: string, params?: Record<string, string | number>) =>
  new AppError(400, "validation", { fields: [{ path: "file", code, params }] });

/** A cell as text: numbers (a code typed into Excel becomes one), rich text and formula results included. */
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

/** Header row → division rows; blank rows are skipped, and past the import's row limit the file is refused. */
async function rowsOf(records: AsyncIterable<unknown[]> | Iterable<unknown[]>): Promise<DivisionImportRow[]> {
  let columns: Partial<Record<Column, number>> | undefined;
  const rows: DivisionImportRow[] = [];
  for await (const record of records) {
    const cells = record.map(cellText);
    if (cells.every((c) => c === "")) continue;
    if (!columns) {
      const found: Partial<Record<Column, number>> = {};
      cells.forEach((h, i) => {
        const header = normaliseHeader(h);
        for (const column of Object.keys(headerAliases) as Column[]) {
          if (found[column] === undefined && (headerAliases[column] as readonly string[]).includes(header)) found[column] = i;
        }
      });
      if (found.code === undefined || found.name === undefined) throw fileError("regions.file.columns");
      columns = found;
      continue;
    }
    if (rows.length === maxRegionImportRows) throw fileError("regions.file.too_many_rows", { max: maxRegionImportRows });
    const at = (column: Column) => {
      const i = columns?.[column];
      return i === undefined ? "" : (cells[i] ?? "");
    };
    const parentCode = at("parentCode");
    rows.push({ code: at("code"), name: at("name"), ...(parentCode ? { parentCode } : {}) });
  }
  if (!columns) throw fileError("regions.file.columns");
  if (rows.length === 0) throw fileError("regions.file.empty");
  return rows;
}

/**
 * CSV text in UTF-8 (with or without BOM) or, failing that, GB18030: Excel on a Chinese Windows saves
 * "CSV" in the local code page, and such a file must not import as mojibake names.
 */
export function readDivisionCsv(content: Buffer): Promise<DivisionImportRow[]> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    text = new TextDecoder("gb18030").decode(content);
  }
  // A binary file (a workbook renamed .csv, say) has NUL bytes no text file has.
  if (text.includes("\u0000")) throw fileError("regions.file.unreadable");
  return rowsOf(parseCsv(text.replace(/^\uFEFF/, "")));
}

/** The first worksheet of an .xlsx, read with exceljs's streaming reader (the file never sits in memory whole). */
export async function readDivisionXlsx(input: Readable): Promise<DivisionImportRow[]> {
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "ignore",
    hyperlinks: "ignore",
  });
  for await (const worksheet of reader) {
    async function* records() {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        // `values` is 1-based and sparse; the header row is read the same way, so positions agree.
        yield Array.from(row.values as unknown[]);
      }
    }
    const rows = await rowsOf(records());
    input.resume(); // the remaining sheets are not read
    return rows;
  }
  throw fileError("regions.file.columns");
}
