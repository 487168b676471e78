import type { Page } from "../../../../domain/common/page.js";
import type { CreditProposal, PublicPenalty } from "../../../../domain/enforcement/publication.js";
import { api } from "../../api/client.js";

export type { CreditProposal, PublicPenalty };
export type PublicPenaltyFilters = { region?: string; q?: string; year?: number };

export const publicPenaltiesApi = {
  /** Published penalty decisions (not withdrawn), newest first. No sign-in needed. */
  list: (query: PublicPenaltyFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<PublicPenalty>>("/api/public/penalties", query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<PublicPenalty>(`/api/public/penalties/${encodeURIComponent(id)}`, undefined, signal),
};

export const creditProposalsApi = {
  /** 严重失信 proposals of the caller's region and department subtree (cases.oversee). */
  list: (query: { region?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<CreditProposal>>("/api/cases/credit-proposals", query, signal),
};
