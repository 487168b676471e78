import type { Page } from "../../../../domain/common/page.js";
import type { CaseBoardClock, CaseBoardItem } from "../../../../domain/enforcement/board.dto.js";
import { api } from "../../api/client.js";

export type { CaseBoardClock, CaseBoardItem };

export type CaseBoardFilter = {
  overdue?: boolean;
  mine?: boolean;
  region?: string;
  /** Cases whose earliest clock is due within this many days (overdue ones included). */
  dueWithin?: number;
  page: number;
  pageSize: number;
};

export const caseBoardApi = {
  /** Issue 8 §3: cases in scope with running clocks, earliest due first (an inspector's own cases first). */
  board: (f: CaseBoardFilter, signal?: AbortSignal) =>
    api.get<Page<CaseBoardItem>>(
      "/api/cases/board",
      {
        page: f.page,
        pageSize: f.pageSize,
        overdue: f.overdue === undefined ? undefined : String(f.overdue),
        mine: f.mine ? "true" : undefined,
        region: f.region,
        dueWithin: f.dueWithin,
      },
      signal,
    ),
};
