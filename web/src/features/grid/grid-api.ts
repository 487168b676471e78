import type { Page } from "../../../../domain/common/page.js";
import type {
  GridAssignment,
  GridAssignmentCreate,
  GridAssignmentEnd,
  GridAssignmentUpdate,
  GridNode,
} from "../../../../domain/grid/grid.dto.js";
import { api } from "../../api/client.js";

export type { GridAssignment, GridNode };
export type GridAssignmentStatus = "active" | "ended" | "all";
export type GridAssignmentListParams = { status?: GridAssignmentStatus; userId?: string; page: number; pageSize: number };

const at = (code: string) => `/api/grid/${encodeURIComponent(code)}`;
const assignmentAt = (id: string) => `/api/grid/assignments/${encodeURIComponent(id)}`;

export const gridApi = {
  /** The node: region with path, its active members and duties, and counts over its subtree. */
  node: (code: string, signal?: AbortSignal) => api.get<GridNode>(at(code), undefined, signal),
  /** Assignments on the nodes of a subtree (active unless told). */
  assignments: (code: string, params: GridAssignmentListParams, signal?: AbortSignal) =>
    api.get<Page<GridAssignment>>(`${at(code)}/assignments`, params, signal),
  assign: (body: GridAssignmentCreate) => api.post<GridAssignment>("/api/grid/assignments", body),
  updateDuties: (id: string, body: GridAssignmentUpdate) => api.patch<GridAssignment>(assignmentAt(id), body),
  end: (id: string, body: GridAssignmentEnd) => api.post<GridAssignment>(`${assignmentAt(id)}/end`, body),
};

/**
 * The active assignments a grid member holds. They all lie in the member's own subtree (a township member
 * may hold its villages); the server filters that subtree to the member.
 */
export async function assignmentsOf(userId: string, regionCode: string, signal?: AbortSignal): Promise<GridAssignment[]> {
  const mine: GridAssignment[] = [];
  for (let page = 1; ; page++) {
    const res = await gridApi.assignments(regionCode, { status: "active", userId, page, pageSize: 100 }, signal);
    mine.push(...res.items);
    if (page * res.pageSize >= res.total) return mine;
  }
}
