import type { PublicExposure } from "../../../../domain/hazards/exposure.dto.js";
import { api } from "../../api/client.js";

export type { PublicExposure };

export const publicExposureApi = {
  /** A week's published lists (its Monday; the latest published week when absent). No sign-in needed. */
  get: (week: string | undefined, signal?: AbortSignal) => api.get<PublicExposure>("/api/public/exposure", { week }, signal),
};
