import { z } from "zod";
import { RegionCode } from "../access/roles.js";
import { PageQuery } from "../common/page.js";
import { EnterpriseCategory } from "../enterprise/enterprise.dto.js";
import { type DrawInput, defaultTeamSize, drawAlgorithm } from "./draw.js";

/**
 * 双随机一公开 draws (issue 7 §5, double-random.md). Prepare freezes the object directory (R2) and the inspector
 * directory (R3) with their digests and the beacon's future identifier (R8.2); execute takes the beacon's value
 * and stores the seed and result (R8.3–7); the public record carries everything needed to re-run it (R7, R8.8).
 */
export const randomDrawStatuses = ["prepared", "executed"] as const;
export const RandomDrawStatus = z.enum(randomDrawStatuses);
export type RandomDrawStatus = z.infer<typeof RandomDrawStatus>;

const Id = z.string().trim().min(1).max(64);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const RecusalDeclaration = z.object({ certNo: Id, uscc: Id });

/** R4 grounds the draw records itself: declared before the draw, or rotation (on the team in a previous round). */
export const recusalGrounds = ["declared", "rotation"] as const;
export const RecusalGround = z.enum(recusalGrounds);
export type RecusalGround = z.infer<typeof RecusalGround>;
/** Most previous draws a rotation recusal looks back (R4 rotation, `DRAW_ROTATION_ROUNDS`). */
export const maxRotationRounds = 10;

export const RandomDrawPrepare = z
  .object({
    /** The plan ID in the seed text (R8.3); unique. */
    planCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{2,63}$/, "3–64 letters, digits, _ . -"),
    title: z.string().trim().min(2).max(200),
    /** The region whose enterprises make the object directory (the caller's region or inside it). */
    regionCode: RegionCode,
    /** Officers of this department only (default: every certified regulator of the region's subtree). */
    departmentId: z.string().uuid().nullable().optional(),
    filters: z
      .object({
        categories: z.array(EnterpriseCategory).max(8).optional(),
        /** GB/T 4754 code prefix. */
        industry: z
          .string()
          .regex(/^\d{2,4}$/)
          .nullable()
          .optional(),
      })
      .default({}),
    /** R5: k = ceil(rate × n), minimum 1 (default 5 %), unless k is given. */
    sampleRate: z.number().gt(0).max(1).optional(),
    k: z.number().int().min(1).optional(),
    teamSize: z.number().int().min(2).max(6).default(defaultTeamSize),
    /** Seed 001: teams without officers of the object's own county. */
    crossRegion: z.boolean().default(false),
    /** 四不两直 (seed 004): the lists are public only with the result, and not before `revealOn`. */
    unannounced: z.boolean().default(false),
    revealOn: Day.nullable().optional(),
    /** 回避 declared before the draw (R4): officer × enterprise; the reason is not published. */
    recusals: z.array(RecusalDeclaration).max(20_000).default([]),
    /**
     * R4 rotation: officers on an enterprise's team in the previous N executed draws of the same department (or,
     * without one, of the same region) recuse from it. Default: the deployment's `DRAW_ROTATION_ROUNDS`; 0 = off.
     */
    rotationRounds: z.number().int().min(0).max(maxRotationRounds).optional(),
    /** R8.2: the third party publishing the value after the commit, e.g. 中国福利彩票双色球, and the issue/round. */
    beaconSource: z.string().trim().min(2).max(200),
    beaconId: z.string().trim().min(1).max(200),
  })
  .refine((v) => !(v.sampleRate !== undefined && v.k !== undefined), { path: ["k"], message: "Give sampleRate or k, not both" });
export type RandomDrawPrepare = z.infer<typeof RandomDrawPrepare>;

export const RandomDrawExecute = z.object({
  version: z.number().int(),
  /** The beacon's published value, exactly as published (R8.3). */
  beaconValue: z.string().trim().min(1).max(500),
});
export type RandomDrawExecute = z.infer<typeof RandomDrawExecute>;

/** A recusal after the draw (R8.7): the officer leaves the team; the next pick of the same stream replaces them. */
export const RandomDrawRecusal = z.object({ version: z.number().int(), certNo: Id, uscc: Id });
export type RandomDrawRecusal = z.infer<typeof RandomDrawRecusal>;

export const RandomDrawListQuery = PageQuery.extend({ status: RandomDrawStatus.optional() });
export type RandomDrawListQuery = z.infer<typeof RandomDrawListQuery>;

/** Published parameters (R7 "the plan: scope, strata, rates"; R8.2 "k per stratum"). */
export const DrawParams = z.object({
  algorithm: z.literal(drawAlgorithm),
  /** k per stratum. */
  strata: z.record(z.string(), z.number().int()),
  sampleRate: z.number().nullable(),
  teamSize: z.number().int(),
  crossRegion: z.boolean(),
  filters: z.object({
    region: z.string(),
    categories: z.array(z.string()),
    industry: z.string().nullable(),
  }),
  revealOn: z.string().nullable(),
  /** R4 rotation: previous draws looked back at prepare (0 = off; draws prepared before the setting existed read 0). */
  rotationRounds: z.number().int(),
});
export type DrawParams = z.infer<typeof DrawParams>;

const TeamMember = z.object({ certNo: z.string(), name: z.string() });
export const DrawnObjectView = z.object({
  uscc: z.string(),
  name: z.string(),
  stratum: z.string(),
  team: z.array(TeamMember),
});
export const ReplacementView = z.object({ uscc: z.string(), out: z.string(), in: z.string() });

export const RandomDrawSummary = z.object({
  id: z.string().uuid(),
  planCode: z.string(),
  title: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  departmentId: z.string().uuid().nullable(),
  status: RandomDrawStatus,
  unannounced: z.boolean(),
  objectsCount: z.number().int(),
  inspectorsCount: z.number().int(),
  drawnCount: z.number().int(),
  beaconSource: z.string(),
  beaconId: z.string(),
  preparedAt: z.string(),
  executedAt: z.string().nullable(),
  version: z.number().int(),
});
export type RandomDrawSummary = z.infer<typeof RandomDrawSummary>;

/** A recusal as the organiser sees it: with its ground (never published, R7). */
export const RecusalView = RecusalDeclaration.extend({ ground: RecusalGround });
export type RecusalView = z.infer<typeof RecusalView>;

/** A regulator's view: the summary with the commitment, recusals and the result (the lists stay in the public record). */
export const RandomDraw = RandomDrawSummary.extend({
  params: DrawParams,
  objectsDigest: z.string(),
  inspectorsDigest: z.string(),
  recusals: z.array(RecusalView),
  beaconValue: z.string().nullable(),
  seedText: z.string().nullable(),
  seed: z.string().nullable(),
  objects: z.array(DrawnObjectView),
  replacements: z.array(ReplacementView),
});
export type RandomDraw = z.infer<typeof RandomDraw>;

/**
 * The public record (R7): plan ID, beacon source/ID/value, both digests, the seed text, the parameters, the canonical
 * lists (for an unannounced draw only once revealed), recusals as certificate number + USCC, the objects drawn and
 * their teams with name and certificate number — nothing more about anyone. Enough to re-run the draw (R8.8).
 */
export const PublicRandomDraw = z.object({
  id: z.string().uuid(),
  planCode: z.string(),
  title: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  status: RandomDrawStatus,
  unannounced: z.boolean(),
  /** False for an unannounced draw until it is executed and revealed: lists, recusals and result are withheld. */
  revealed: z.boolean(),
  params: DrawParams,
  beaconSource: z.string(),
  beaconId: z.string(),
  beaconValue: z.string().nullable(),
  objectsDigest: z.string(),
  inspectorsDigest: z.string(),
  objectsCount: z.number().int(),
  inspectorsCount: z.number().int(),
  seedText: z.string().nullable(),
  seed: z.string().nullable(),
  /** Canonical object directory: USCC, name, stratum and county (the county decides crossRegion pools). */
  objects: z.array(z.object({ uscc: z.string(), name: z.string(), stratum: z.string(), county: z.string().nullable() })).nullable(),
  /** Canonical inspector directory: certificate number, name and home county. */
  inspectors: z.array(z.object({ certNo: z.string(), name: z.string(), county: z.string().nullable() })).nullable(),
  recusals: z.array(RecusalDeclaration).nullable(),
  result: z.object({ objects: z.array(DrawnObjectView), replacements: z.array(ReplacementView) }).nullable(),
  preparedAt: z.string(),
  executedAt: z.string().nullable(),
});
export type PublicRandomDraw = z.infer<typeof PublicRandomDraw>;

/** The public index of draws (R7): executed draws whose record shows the result, newest first. */
export const PublicRandomDrawListQuery = PageQuery;
export type PublicRandomDrawListQuery = z.infer<typeof PublicRandomDrawListQuery>;

export const PublicRandomDrawListItem = z.object({
  id: z.string().uuid(),
  planCode: z.string(),
  title: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  unannounced: z.boolean(),
  /** Shanghai calendar day of the draw. */
  executedOn: z.string(),
  /** Objects drawn (k over all strata) out of the directory's objectsCount. */
  k: z.number().int(),
  objectsCount: z.number().int(),
});
export type PublicRandomDrawListItem = z.infer<typeof PublicRandomDrawListItem>;

/** The county of a region code (first 6 digits), or null above county level. */
export const countyOf = (regionCode: string | null | undefined) => (regionCode && regionCode.length >= 6 ? regionCode.slice(0, 6) : null);

/**
 * The draw's input from its frozen record — the one mapping the server's execute and the public page's re-run share,
 * so both compute exactly the same thing. `postDrawRecusals` are the published replacements (R8.7).
 */
export function drawInputOf(r: {
  planCode: string;
  beaconValue: string;
  params: Pick<DrawParams, "strata" | "teamSize" | "crossRegion">;
  objects: readonly { uscc: string; stratum: string; county: string | null }[];
  inspectors: readonly { certNo: string; county: string | null }[];
  recusals: readonly { certNo: string; uscc: string }[];
  replacements?: readonly { uscc: string; out: string }[];
}): DrawInput {
  return {
    planId: r.planCode,
    beaconValue: r.beaconValue,
    objects: r.objects.map((o) => ({ uscc: o.uscc, stratum: o.stratum, county: o.county })),
    inspectors: r.inspectors.map((i) => ({ certNo: i.certNo, county: i.county })),
    strata: r.params.strata,
    teamSize: r.params.teamSize,
    crossRegion: r.params.crossRegion,
    recusals: r.recusals,
    postDrawRecusals: (r.replacements ?? []).map((x) => ({ uscc: x.uscc, certNo: x.out })),
  };
}
