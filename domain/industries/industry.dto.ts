import { z } from "zod";

/** GB/T 4754-2017 levels: 门类 section (A–T), 大类 division (2 digits), 中类 group (3), 小类 class (4). */
export const IndustryLevel = z.enum(["section", "division", "group", "class"]);
export const Industry = z.object({
  code: z.string(),
  name: z.string(),
  level: IndustryLevel,
  parentCode: z.string().nullable(),
  /** 门类 letter, e.g. C 制造业. */
  section: z.string(),
});
export type Industry = z.infer<typeof Industry>;
export const IndustrySearchQuery = z.object({
  q: z.string().trim().min(1).max(40).optional(),
  level: IndustryLevel.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const IndustryList = z.object({ items: z.array(Industry) });
