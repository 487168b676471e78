import { PassThrough, type Readable } from "node:stream";
import type { Enterprise, EnterpriseCreate } from "../../../domain/enterprise/enterprise.dto.js";
import { cellValue, enterpriseColumns, readCell } from "../../../domain/enterprise/enterprise-sheet.js";
import { type ExcelJS, loadExcel } from "../../kernel/files/excel.js";

export const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Streams a workbook of enterprises page by page: a large export never sits in memory whole. */
export function enterprisesWorkbook(pages: AsyncIterable<Enterprise[]>): Readable {
  const out = new PassThrough();
  (async () => {
    const Excel = await loadExcel();
    const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = workbook.addWorksheet("企业名录");
    sheet.columns = [
      ...enterpriseColumns.map((c) => ({ header: c.header, key: c.key, width: c.width })),
      { header: "所属区划", key: "regionPath", width: 40 },
      { header: "行业名称", key: "industryName", width: 24 },
    ];
    sheet.getRow(1).font = { bold: true };
    for await (const page of pages) {
      for (const e of page) {
        const row: Record<string, unknown> = { regionPath: e.regionPath, industryName: e.industryName };
        for (const c of enterpriseColumns) row[c.key] = cellValue(c, e[c.key as keyof Enterprise]);
        sheet.addRow(row).commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err) => out.destroy(err));
  return out;
}

/** The import template: the column headers and one filled example row. */
export async function templateWorkbook(): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet("企业导入");
  sheet.columns = enterpriseColumns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const example: Partial<EnterpriseCreate> = {
    name: "溧阳市示例化工有限公司",
    uscc: "91320402MA0DR00145",
    address: "溧阳市溧城街道示例路8号",
    regionCode: "320481002001",
    industryCode: "2614",
    category: "hazardous_chemicals",
    scale: "small",
    headcount: 86,
    legalRepresentative: "王某",
    principalName: "王某",
    principalPhone: "13900001111",
    safetyManagerName: "李某",
    safetyManagerPhone: "13900002222",
    hasMajorHazardSource: true,
    standardisationGrade: "level3",
    status: "operating",
  };
  const row: Record<string, unknown> = {};
  for (const c of enterpriseColumns) row[c.key] = cellValue(c, example[c.key]);
  sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export type SheetRow = {
  rowNo: number;
  values: Partial<Record<keyof EnterpriseCreate, unknown>>;
  errors: { column: string; code: string }[];
};

/**
 * Reads the first worksheet with exceljs's streaming reader. Columns are matched by header text
 * (a trailing * marks required ones in the template), so their order does not matter.
 */
export async function* readEnterpriseSheet(input: Readable): AsyncGenerator<SheetRow> {
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "ignore",
    hyperlinks: "ignore",
  });
  for await (const worksheet of reader) {
    let cellIndex: Map<string, number> | null = null; // column key → cell index, from the header row
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const cells = row.values as unknown[];
      if (!cellIndex) {
        const found = new Map<string, number>();
        cells.forEach((v, i) => {
          const header = String(v ?? "")
            .replace(/\*$/, "")
            .trim();
          const column = enterpriseColumns.find((c) => c.header === header);
          if (column) found.set(column.key, i);
        });
        cellIndex = found;
        continue;
      }
      if (cells.every((v) => v === null || v === undefined || String(v).trim() === "")) continue;
      const values: SheetRow["values"] = {};
      const errors: SheetRow["errors"] = [];
      for (const column of enterpriseColumns) {
        const index = cellIndex.get(column.key);
        const read = readCell(column, index === undefined ? undefined : cells[index]);
        if ("error" in read) errors.push({ column: column.header, code: `import.${read.error}` });
        else if (read.value !== undefined) values[column.key] = read.value;
      }
      yield { rowNo: row.number, values, errors };
    }
    return; // the first worksheet only
  }
}
