import { z } from "zod";

export const ImportRejection = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const ImportReport = z.object({
  id: z.string().uuid(),
  fileName: z.string(),
  status: z.enum(["validated", "committed"]),
  total: z.number().int(),
  toCreate: z.number().int(),
  toUpdate: z.number().int(),
  rejected: z.number().int(),
  /** The first 500 rejections, in the caller's language; the .xlsx report has them all. */
  rejections: z.array(ImportRejection),
  version: z.number().int(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type ImportReport = z.infer<typeof ImportReport>;
export const ImportCommit = z.object({ version: z.number().int() });
