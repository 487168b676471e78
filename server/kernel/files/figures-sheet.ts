import type { Worksheet } from "exceljs";
import { type Lang, type Message, pick } from "../i18n/i18n.js";
import { loadExcel } from "./excel.js";

/** A figure column: its header, width and value; money shows two decimals with separators, percent as 0.0 %. */
export type FigureColumn<F> = { header: Message; width: number; value: (f: F) => number | string | null; format?: "money" | "percent" };

export type FiguresTable<F> = {
  sheetName: Message;
  title: Message;
  /** What the figures cover, e.g. the region, the department and the period. */
  scope: { region: { name: string; code: string } | null; department?: { name: string } | null; from: string; to: string };
  columns: FigureColumn<F>[];
  rows: { name: string; figures: F }[];
  totals: F;
  /** Anything written below the table. */
  after?: (sheet: Worksheet) => void;
};

/**
 * A statistics table as .xlsx (landscape A4): title, scope and period, the header, a row per group and a bold
 * totals row — the shape every statistics export shares.
 */
export async function figuresWorkbook<F>(t: FiguresTable<F>, lang: Lang): Promise<Buffer> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  workbook.creator = "Redline";
  const zh = lang !== "en";
  const sheet = workbook.addWorksheet(pick(t.sheetName, lang), { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true } });
  sheet.columns = [{ width: 24 }, ...t.columns.map((c) => ({ width: c.width }))];
  sheet.addRow([pick(t.title, lang)]).font = { bold: true, size: 14 };
  const { region, department, from, to } = t.scope;
  const scope = [region ? `${region.name}（${region.code}）` : zh ? "全部区域" : "All regions", department?.name, `${from} ~ ${to}`];
  sheet.addRow([scope.filter(Boolean).join(" · ")]);
  sheet.addRow([]);
  const header = sheet.addRow([zh ? "名称" : "Name", ...t.columns.map((c) => pick(c.header, lang))]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle" };
  const addFigures = (name: string, f: F) => {
    const row = sheet.addRow([name, ...t.columns.map((c) => c.value(f) ?? "—")]);
    t.columns.forEach((c, i) => {
      const cell = row.getCell(i + 2);
      if (typeof cell.value !== "number") return;
      if (c.format === "money") cell.numFmt = "#,##0.00";
      else if (c.format === "percent") cell.numFmt = "0.0%";
      else if (!Number.isInteger(cell.value)) cell.numFmt = "0.00";
    });
    return row;
  };
  for (const r of t.rows) addFigures(r.name, r.figures);
  addFigures(zh ? "合计" : "Total", t.totals).font = { bold: true };
  t.after?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
