import { createHash } from "node:crypto";
import type { RegionLevel } from "../../../domain/access/roles.js";
import type { Page } from "../../../domain/common/page.js";
import type {
  Department,
  DepartmentCreate,
  DepartmentForIndustry,
  DepartmentKind,
  DepartmentListQuery,
  DepartmentUpdate,
  IndustryMapping,
  IndustryMappingList,
  IndustryMappingPut,
} from "../../../domain/departments/department.dto.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, conflict, type FieldError, fieldError, notFound } from "../../kernel/http/errors.js";
import { updateVersioned } from "../../kernel/workflow/state-machine.js";
import { findIndustries } from "../industries/industries.service.js";
import { getRegion, pathCodesOf } from "../regions/regions.service.js";
import { departmentEntity } from "./departments.messages.js";
import { assertManagesDepartmentsIn } from "./departments.policy.js";
import * as repo from "./departments.repo.js";
import { departments } from "./departments.schema.js";

/** The levels that have regulating departments (市、县区、乡镇街道), the same the regulators' accounts sit at. */
const departmentLevels: readonly RegionLevel[] = ["city", "county", "township"];

const present = (r: repo.DepartmentRow): Department => ({
  id: r.id,
  regionCode: r.regionCode,
  kind: r.kind as DepartmentKind,
  name: r.name,
  phone: r.phone,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const auditable = (r: repo.DepartmentRow) => ({ regionCode: r.regionCode, kind: r.kind, name: r.name, phone: r.phone, version: r.version });

export async function listDepartments(db: Db, q: DepartmentListQuery): Promise<Page<Department>> {
  const { items, total } = await repo.listDepartments(db, q, q);
  return { items: items.map(present), total, page: q.page, pageSize: q.pageSize };
}

export async function getDepartment(db: Db, id: string): Promise<Department> {
  const row = await repo.findDepartment(db, id);
  if (!row) throw notFound(departmentEntity);
  return present(row);
}

/** The departments among `ids` (presenting many records' industry supervisors in one query). */
export async function departmentsByIds(db: Db, ids: string[]): Promise<Department[]> {
  return (await repo.findDepartmentsByIds(db, [...new Set(ids)])).map(present);
}

export async function createDepartment(db: Db, ctx: Ctx, input: DepartmentCreate): Promise<Department> {
  assertManagesDepartmentsIn(ctx.actor, input.regionCode);
  const region = await getRegion(db, input.regionCode);
  if (!departmentLevels.includes(region.level as RegionLevel)) throw fieldError("regionCode", "departments.region_level");
  if (region.status === "retired") throw fieldError("regionCode", "departments.region_retired");
  return withTx(db, async (tx) => {
    const row = await repo.insertDepartment(tx, {
      regionCode: input.regionCode,
      kind: input.kind,
      name: input.name,
      phone: input.phone ?? null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    if (!row) throw conflict("departments.duplicate_kind", [{ path: "kind", code: "departments.duplicate_kind" }]);
    await writeAudit(tx, ctx, {
      action: "department.created",
      entityType: "department",
      entityId: row.id,
      regionCode: row.regionCode,
      after: auditable(row),
    });
    return present(row);
  });
}

export async function updateDepartment(db: Db, ctx: Ctx, id: string, input: DepartmentUpdate): Promise<Department> {
  const current = await repo.findDepartment(db, id);
  if (!current) throw notFound(departmentEntity);
  assertManagesDepartmentsIn(ctx.actor, current.regionCode);
  return withTx(db, async (tx) => {
    const row = await updateVersioned(tx, departments, {
      id,
      version: input.version,
      set: {
        name: input.name ?? current.name,
        phone: input.phone === undefined ? current.phone : input.phone,
        updatedAt: ctx.now,
      },
    });
    await writeAudit(tx, ctx, {
      action: "department.updated",
      entityType: "department",
      entityId: id,
      regionCode: row.regionCode,
      before: auditable(current),
      after: auditable(row),
    });
    return present(row);
  });
}

/** The mapping table with each code's name, in classification order (C, 26, 261, 2614, 27, …, D). */
/** The table's content digest (order-independent), the version of a table that has no row to carry one. */
function mappingRevision(rows: { industryPrefix: string; kind: string }[]): string {
  const lines = rows.map((r) => `${r.industryPrefix}=${r.kind}`).sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16);
}

export async function listIndustryMapping(db: Db): Promise<IndustryMappingList> {
  const rows = await repo.listMappings(db);
  const found = await findIndustries(
    db,
    rows.map((r) => r.industryPrefix),
  );
  const industries = new Map(found.map((i) => [i.code, i]));
  const sortKey = (prefix: string) => `${industries.get(prefix)?.section ?? prefix}${/^[A-Z]$/.test(prefix) ? "" : prefix}`;
  return {
    revision: mappingRevision(rows),
    items: rows
      .map((r) => ({
        industryPrefix: r.industryPrefix,
        kind: r.kind as DepartmentKind,
        industryName: industries.get(r.industryPrefix)?.name ?? "",
      }))
      .sort((a, b) => (sortKey(a.industryPrefix) < sortKey(b.industryPrefix) ? -1 : 1)),
  };
}

/** An administrator replaces the whole table at once; one audit row names what was added, removed and changed. */
export async function replaceIndustryMapping(db: Db, ctx: Ctx, input: IndustryMappingPut): Promise<IndustryMappingList> {
  await replaceMapping(db, ctx, input.items, { source: "api", revision: input.revision });
  return listIndustryMapping(db);
}

async function replaceMapping(
  db: Db,
  ctx: Ctx,
  items: IndustryMapping[],
  opts: { source: string; onlyIfEmpty?: boolean; revision?: string },
) {
  const known = new Set((await findIndustries(db, [...new Set(items.map((i) => i.industryPrefix))])).map((i) => i.code));
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  items.forEach((item, n) => {
    const path = `items.${n}.industryPrefix`;
    if (!known.has(item.industryPrefix)) fields.push({ path, code: "industry_mapping.unknown_industry" });
    else if (seen.has(item.industryPrefix)) fields.push({ path, code: "industry_mapping.duplicate_prefix" });
    seen.add(item.industryPrefix);
  });
  if (fields.length) throw new AppError(400, "validation", { fields });

  return withTx(db, async (tx) => {
    await repo.lockMappings(tx);
    const previous = await repo.listMappings(tx);
    if (opts.onlyIfEmpty && previous.length > 0) return 0;
    if (opts.revision && opts.revision !== mappingRevision(previous)) throw conflict("conflict.stale_version");
    await repo.replaceMappings(tx, items);
    const was = new Map(previous.map((r) => [r.industryPrefix, r.kind]));
    const now = new Map(items.map((r) => [r.industryPrefix, r.kind]));
    await writeAudit(tx, ctx, {
      action: "industry_mapping.replaced",
      entityType: "industry_mapping",
      detail: {
        source: opts.source,
        rowsBefore: previous.length,
        rowsAfter: items.length,
        added: items.filter((i) => !was.has(i.industryPrefix)).map((i) => i.industryPrefix),
        removed: previous.filter((r) => !now.has(r.industryPrefix)).map((r) => r.industryPrefix),
        changed: items
          .filter((i) => was.has(i.industryPrefix) && was.get(i.industryPrefix) !== i.kind)
          .map((i) => ({ industryPrefix: i.industryPrefix, from: was.get(i.industryPrefix), to: i.kind })),
      },
    });
    return items.length;
  });
}

/**
 * The codes a mapping row may name for an industry, most specific first — 小类 2614 → 2614, 261, 26, C —
 * so the first that has a row is the longest matching prefix. A 门类 letter is not a prefix of the
 * numeric codes, hence the section passed in.
 */
export function industryPrefixesOf(code: string, section: string): string[] {
  if (/^[A-Z]$/.test(code)) return [code];
  return [4, 3, 2]
    .filter((n) => n <= code.length)
    .map((n) => code.slice(0, n))
    .concat(section);
}

/**
 * An enterprise's industry regulator: the kind given by the longest mapping prefix of its industry code,
 * then that kind's department at the nearest level at or above its region (village → township → county → city).
 */
export async function departmentForIndustry(db: Db, regionCode: string, industryCode: string): Promise<DepartmentForIndustry> {
  await getRegion(db, regionCode);
  const [industry] = await findIndustries(db, [industryCode]);
  if (!industry) throw fieldError("industryCode", "industry_mapping.unknown_industry");
  const prefixes = industryPrefixesOf(industry.code, industry.section);
  const rows = await repo.findMappings(db, prefixes);
  const match = prefixes.map((p) => rows.find((r) => r.industryPrefix === p)).find((r) => r !== undefined);
  const department = match ? await repo.findNearestDepartment(db, pathCodesOf(regionCode), match.kind) : undefined;
  return {
    regionCode,
    industryCode: industry.code,
    matchedPrefix: match?.industryPrefix ?? null,
    kind: (match?.kind as DepartmentKind | undefined) ?? null,
    department: department ? present(department) : null,
  };
}

/**
 * Resolves many (region, industry) pairs for bulk work (imports, seeding) with the same rule as
 * departmentForIndustry, memoised: departments sit at city, county or township level, so every
 * village of a township resolves alike and is looked up once.
 */
export function departmentResolver(db: Db): (regionCode: string, industryCode: string) => Promise<Department | null> {
  const kinds = new Map<string, Promise<string | null>>();
  const found = new Map<string, Promise<Department | null>>();
  const kindOf = (industryCode: string) => {
    let k = kinds.get(industryCode);
    if (!k) {
      k = (async () => {
        const [industry] = await findIndustries(db, [industryCode]);
        if (!industry) return null;
        const prefixes = industryPrefixesOf(industry.code, industry.section);
        const rows = await repo.findMappings(db, prefixes);
        return prefixes.map((p) => rows.find((r) => r.industryPrefix === p)).find((r) => r !== undefined)?.kind ?? null;
      })();
      kinds.set(industryCode, k);
    }
    return k;
  };
  return (regionCode, industryCode) => {
    const anchor = regionCode.length === 12 ? regionCode.slice(0, 9) : regionCode;
    const key = `${anchor}|${industryCode}`;
    let d = found.get(key);
    if (!d) {
      d = (async () => {
        const kind = await kindOf(industryCode);
        if (!kind) return null;
        const row = await repo.findNearestDepartment(db, pathCodesOf(anchor), kind);
        return row ? present(row) : null;
      })();
      found.set(key, d);
    }
    return d;
  };
}

/**
 * The built-in table an administrator starts from. 安全生产法 (2021) 第三条 三管三必须 — 管行业必须管安全、
 * 管业务必须管安全、管生产经营必须管安全 — and 第十条: 应急管理部门 supervises work safety as a whole, and
 * the departments in charge of an industry supervise its safety. So each 门类 goes to the department that
 * governs the trade, and everything without a dedicated one to 应急管理 (which also keeps 工贸 manufacturing
 * and mining). The few finer rows follow the regulation that names the department; they show the
 * longest-prefix rule at work and are where a locality adds its own 职责分工.
 */
export function defaultIndustryMapping(): IndustryMapping[] {
  const rows: [string, DepartmentKind][] = [
    ["A", "agriculture"], // 农、林、牧、渔业
    ["B", "emergency"], // 采矿业
    ["C", "emergency"], // 制造业 (工贸行业, 危险化学品生产 26, 医药制造 27 alike)
    ["D", "industry_it"], // 电力、热力、燃气及水生产和供应业
    ["45", "housing"], // 燃气生产和供应业: 城镇燃气管理条例 第五条, 燃气管理部门
    ["E", "housing"], // 建筑业: 建设工程安全生产管理条例 第四十条
    ["F", "commerce"], // 批发和零售业
    ["5162", "emergency"], // 石油及制品批发: 危险化学品安全管理条例 第六条, 经营许可
    ["5265", "emergency"], // 机动车燃油零售 (加油站): 同上
    ["G", "transport"], // 交通运输、仓储和邮政业
    ["594", "emergency"], // 危险品仓储: 危险化学品安全管理条例 第六条
    ["H", "market"], // 住宿和餐饮业
    ["I", "emergency"],
    ["J", "emergency"],
    ["K", "housing"], // 房地产业 (物业管理): 物业管理条例 第五条
    ["L", "emergency"],
    ["M", "emergency"],
    ["N", "emergency"],
    ["76", "water"], // 水利管理业: 安全生产法 第十条 names 水利
    ["O", "emergency"],
    ["P", "education"], // 教育
    ["Q", "health"], // 卫生和社会工作
    ["R", "culture_tourism"], // 文化、体育和娱乐业
    ["S", "emergency"],
    ["T", "emergency"],
  ];
  return rows.map(([industryPrefix, kind]) => ({ industryPrefix, kind }));
}

/** First start (after the industries are loaded): the built-in mapping when the table is empty. */
export async function ensureDefaultIndustryMapping(db: Db, now: Date): Promise<number> {
  if ((await repo.countMappings(db)) > 0) return 0;
  return replaceMapping(db, { actor: null, ip: null, now }, defaultIndustryMapping(), {
    source: "built-in default",
    onlyIfEmpty: true,
  });
}
