import { z } from "zod";
import { PageQuery } from "../common/page.js";
import { HazardLevel, HazardState } from "../hazards/hazard.dto.js";
import { photoTypes } from "../hazards/photo.js";
import { ChecklistContent, ChecklistItemId, InspectionResponseInput } from "./checklist.js";
import { inspectionKinds, inspectionResults, inspectionStatuses, signerKinds } from "./inspection.js";
import { publicResults } from "./publication.js";

export { InspectionResponseInput } from "./checklist.js";

export const InspectionKind = z.enum(inspectionKinds);
export const InspectionStatus = z.enum(inspectionStatuses);
export const InspectionResult = z.enum(inspectionResults);
export const SignerKind = z.enum(signerKinds);

const Version = z.number().int().min(1);
/** WGS-84 within China's extent (as the enterprise registry and the hazard register bound it). */
const Latitude = z.number().min(3).max(54);
const Longitude = z.number().min(73).max(136);

/**
 * Start an inspection. The checklist version is fixed now: the given one, or the newest published.
 * `inspectorIds` is the team: for a regulator inspection at least two 执法人员 with a certificate (the starter is not
 * added by itself — a leader may dispatch a team); a grid member or an enterprise user is always on its own team.
 */
export const InspectionCreate = z
  .object({
    kind: InspectionKind,
    enterpriseId: z.string().uuid(),
    checklistId: z.string().uuid(),
    checklistVersion: z.number().int().min(1).optional(),
    inspectorIds: z.array(z.string().uuid()).max(10).default([]),
    departmentId: z.string().uuid().nullable().optional(),
    /** GPS at the start (only when the device shared it). */
    latitude: Latitude.nullable().optional(),
    longitude: Longitude.nullable().optional(),
    /** A correction of a finished inspection of the same enterprise (that one stays read-only). */
    correctsId: z.string().uuid().nullable().optional(),
    planItemId: z.string().uuid().nullable().optional(),
    drawId: z.string().uuid().nullable().optional(),
  })
  .superRefine((v, ctx) => {
    const noLatitude = v.latitude === undefined || v.latitude === null;
    const noLongitude = v.longitude === undefined || v.longitude === null;
    if (noLatitude !== noLongitude) {
      ctx.addIssue({ code: "custom", path: [noLatitude ? "latitude" : "longitude"], message: "inspections.gps_pair" });
    }
  });
export type InspectionCreate = z.infer<typeof InspectionCreate>;

export const InspectorRef = z.object({ userId: z.string().uuid(), name: z.string(), certNo: z.string().nullable() });
export type InspectorRef = z.infer<typeof InspectorRef>;

export const Inspection = z.object({
  id: z.string().uuid(),
  kind: InspectionKind,
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  departmentId: z.string().uuid().nullable(),
  checklistId: z.string().uuid(),
  checklistVersion: z.number().int(),
  status: InspectionStatus,
  inspectors: z.array(InspectorRef),
  inspectorRegion: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  startLatitude: z.number().nullable(),
  startLongitude: z.number().nullable(),
  result: InspectionResult.nullable(),
  summary: z.string().nullable(),
  correctsId: z.string().uuid().nullable(),
  planItemId: z.string().uuid().nullable(),
  drawId: z.string().uuid().nullable(),
  createdById: z.string().uuid().nullable(),
  /** Answered items and failed ones so far (the list shows progress without the checklist). */
  answeredCount: z.number().int(),
  failedCount: z.number().int(),
  /** Bumped by every accepted change (responses batch, finish): the guard against a second device. */
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Inspection = z.infer<typeof Inspection>;

/** A stored answer; `outcome` is the server's judgement (judgeResponse), `hazardId` the hazard a fail raised at finish. */
export const InspectionResponse = z.object({
  id: z.string().uuid(),
  itemId: z.string(),
  outcome: z.enum(["pass", "fail", "na"]).nullable(),
  result: z.enum(["pass", "fail", "na"]).nullable(),
  number: z.number().nullable(),
  text: z.string().nullable(),
  note: z.string().nullable(),
  answeredById: z.string().uuid().nullable(),
  answeredAt: z.string(),
  hazardId: z.string().uuid().nullable(),
});
export type InspectionResponse = z.infer<typeof InspectionResponse>;

/** Photo metadata (the image: GET /api/inspection-photos/:id). */
export const InspectionPhotoInfo = z.object({
  id: z.string().uuid(),
  itemId: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  locationKept: z.boolean(),
  createdAt: z.string(),
});
export type InspectionPhotoInfo = z.infer<typeof InspectionPhotoInfo>;

export const InspectionSignatureInfo = z.object({
  id: z.string().uuid(),
  signer: SignerKind,
  name: z.string(),
  userId: z.string().uuid().nullable(),
  signedAt: z.string(),
});
export type InspectionSignatureInfo = z.infer<typeof InspectionSignatureInfo>;

/** A hazard the inspection raised at finish (one per failed item whose fail means a hazard). */
export const InspectionHazardInfo = z.object({
  id: z.string().uuid(),
  itemId: z.string(),
  level: HazardLevel,
  state: HazardState,
  criterionRef: z.string().nullable(),
  description: z.string(),
});
export type InspectionHazardInfo = z.infer<typeof InspectionHazardInfo>;

export const InspectionDetail = Inspection.extend({
  /** The frozen checklist version the inspection answers. */
  checklist: z.object({ checklistId: z.string().uuid(), version: z.number().int(), name: z.string(), content: ChecklistContent }),
  itemCount: z.number().int(),
  responses: z.array(InspectionResponse),
  photos: z.array(InspectionPhotoInfo),
  signatures: z.array(InspectionSignatureInfo),
  hazards: z.array(InspectionHazardInfo),
});
export type InspectionDetail = z.infer<typeof InspectionDetail>;

/** A photo of an item, keyed by a client-generated id (a replayed upload is stored once); ≤ 10 MB decoded. */
export const InspectionPhotoUpload = z.object({
  id: z.string().uuid(),
  itemId: ChecklistItemId,
  contentType: z.enum(photoTypes),
  data: z.string().min(1).max(14_000_000),
  keepLocation: z.boolean().optional(),
});
export type InspectionPhotoUpload = z.infer<typeof InspectionPhotoUpload>;

/** Photos per batch (the offline queue sends more in several batches). */
export const maxPhotosPerBatch = 8;

/**
 * A batch of answers (the field form's queue), applied whole or not at all. Each response is keyed by its client id;
 * an item has one answer (a newer one for the same item replaces it). `version` is the inspection's version the
 * batch was made on: stale → 409 (header `x-inspection-version` carries the current one). A batch that is already
 * stored exactly (every response id with the same content, every photo id present, every removal done) is a replay:
 * answered 200 with the current state, version unchanged, whatever version it carries. So a queue resends a batch
 * whose answer it lost unchanged (alone) before it sends newer answers; merged with them it would be stale.
 */
export const InspectionResponsesPut = z.object({
  version: Version,
  responses: z.array(InspectionResponseInput).max(1000).default([]),
  photos: z.array(InspectionPhotoUpload).max(maxPhotosPerBatch).default([]),
  /** Photo ids to remove (taken by mistake); an id already gone is nothing to do. */
  removePhotoIds: z.array(z.string().uuid()).max(50).default([]),
});
export type InspectionResponsesPut = z.infer<typeof InspectionResponsesPut>;

export const InspectionResponsesResult = z.object({
  version: z.number().int(),
  /** False for a replayed batch (nothing new stored). */
  changed: z.boolean(),
  /** Every stored answer of the inspection, and its photos' metadata. */
  responses: z.array(InspectionResponse),
  photos: z.array(InspectionPhotoInfo),
});
export type InspectionResponsesResult = z.infer<typeof InspectionResponsesResult>;

/** A signature drawn on the device, as a base64 PNG (≤ 1 MB decoded). */
export const InspectionSignatureInput = z.object({
  signer: SignerKind,
  name: z.string().trim().min(1).max(50),
  /** For an inspector: the account on the team (else matched by name). */
  userId: z.string().uuid().nullable().optional(),
  image: z.string().min(1).max(1_400_000),
});
export type InspectionSignatureInput = z.infer<typeof InspectionSignatureInput>;

/**
 * Finish: every item answered, photos where a fail needs one, signatures of the enterprise's representative and
 * (regulator and grid inspections) every inspector. In one transaction the record is closed and every failed
 * item that means a hazard is registered (source = this inspection).
 */
export const InspectionFinish = z.object({
  version: Version,
  /** Default: problems_found when any item failed, else passed ("passed" with a failed item is refused). */
  result: InspectionResult.nullable().optional(),
  summary: z.string().trim().max(4000).nullable().optional(),
  signatures: z.array(InspectionSignatureInput).min(1).max(12),
});
export type InspectionFinish = z.infer<typeof InspectionFinish>;

export const InspectionListQuery = PageQuery.extend({
  kind: InspectionKind.optional(),
  status: InspectionStatus.optional(),
  enterprise: z.string().uuid().optional(),
  region: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/)
    .optional(),
  /** `true`: only inspections the caller is on the team of or started. */
  mine: z.enum(["true", "false"]).optional(),
});
export type InspectionListQuery = z.infer<typeof InspectionListQuery>;

/** A certified regulator who may be put on a team (执法人员名录库, double-random.md R3): name and 执法证号 only. */
export const InspectorOption = z.object({
  userId: z.string().uuid(),
  name: z.string(),
  certNo: z.string(),
  regionCode: z.string().nullable(),
});
export type InspectorOption = z.infer<typeof InspectorOption>;
export const InspectorOptionQuery = z.object({ q: z.string().trim().max(50).optional() });

/** A published result (double-random.md R7); the enum is open for the enforcement module's 立案 and 处罚. */
export const PublicInspectionResult = z.enum(publicResults);

/**
 * GET /api/public/random-draws/:id/results (R7), no sign-in: per finished inspection of a drawn object, the
 * enterprise's name and USCC, the day the inspection ended, the result — nothing more — and the last day it was
 * due to be public (the end + `publishWithinWorkingDays` working days). Objects not inspected yet are not listed.
 */
export const PublicDrawResults = z.object({
  drawId: z.string().uuid(),
  planCode: z.string(),
  title: z.string(),
  publishWithinWorkingDays: z.number().int(),
  results: z.array(
    z.object({
      uscc: z.string(),
      name: z.string(),
      inspectedOn: z.string(),
      result: PublicInspectionResult,
      publishBy: z.string(),
    }),
  ),
});
export type PublicDrawResults = z.infer<typeof PublicDrawResults>;
