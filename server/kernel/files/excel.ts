import type ExcelJS from "exceljs";

export type { ExcelJS };

export const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let loading: Promise<typeof ExcelJS> | undefined;

/**
 * exceljs, loaded on first use: it takes ~300 ms to import and only imports, exports and templates need
 * it, so the server starts without it.
 */
export function loadExcel(): Promise<typeof ExcelJS> {
  loading ??= import("exceljs").then((m) => m.default);
  return loading;
}
