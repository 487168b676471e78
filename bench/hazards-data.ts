// bench/hazards-data — builds the 1,000,000-hazard PostgreSQL database for bench/hazards.ts: drops and
// creates `redline_bench_hazards`, migrates it with the app's migrations, loads the built-in divisions and
// industries through their services, then generates 100,000 enterprises over 常州市's villages and 1,000,000
// hazards with bulk SQL (generate_series, INSERT … SELECT), builds the indexes once after the load and
// runs VACUUM ANALYZE (statistics + visibility map, so index-only counts work from the first query).
// Run: npm run bench:hazards-data   (BENCH_PG_URL, BENCH_HAZARDS_DB, BENCH_ENTERPRISES, BENCH_HAZARDS override)
import pg from "pg";
import { openPostgres } from "../server/kernel/db/db.js";
import { migrateDatabase } from "../server/kernel/db/migrate.js";
import { ensureBuiltInIndustries } from "../server/modules/industries/industries.service.js";
import { ensureBuiltInDivisions } from "../server/modules/regions/regions.service.js";
import { adminUrl, benchDatabaseName, benchUrl } from "./hazards-db.js";

const enterpriseCount = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const hazardCount = Number(process.env.BENCH_HAZARDS ?? 1_000_000);
const t0 = performance.now();
const lap = (() => {
  let last = t0;
  return (what: string) => {
    const now = performance.now();
    console.log(`${what.padEnd(52)} ${((now - last) / 1000).toFixed(1).padStart(6)} s`);
    last = now;
  };
})();

const admin = new pg.Client({ connectionString: adminUrl() });
await admin.connect();
await admin.query(`drop database if exists ${benchDatabaseName} with (force)`);
await admin.query(`create database ${benchDatabaseName}`);
await admin.end();
lap(`created database ${benchDatabaseName}`);

const database = await openPostgres(benchUrl(), 2);
await migrateDatabase(database);
lap("migrated (server/db/migrations)");
const now = new Date();
const divisions = await ensureBuiltInDivisions(database.db, now);
const industries = await ensureBuiltInIndustries(database.db, now);
lap(`loaded ${divisions} divisions, ${industries} industries`);
await database.close();

// One session for the bulk SQL: temp tables and setseed live in it.
const client = new pg.Client({ connectionString: benchUrl() });
await client.connect();
const q = (text: string, values?: unknown[]) => client.query(text, values);
await q("set maintenance_work_mem = '512MB'");
await q("set max_parallel_maintenance_workers = 2");
await q("select setseed(0.2026)"); // the same data on every run

// Villages of 常州市 (3204…, 12 digits) numbered 0…n-1; industry classes (小类) per section, numbered likewise.
await q(`create temp table bench_villages as
  select (row_number() over (order by code))::int - 1 as n, code from regions where level = 'village' and code like '3204%'`);
await q(`create temp table bench_industries as
  select section, (row_number() over (partition by section order by code))::int - 1 as n, code
  from industries where level = 'class' and section in ('C', 'E', 'F', 'G', 'H')`);

// Enterprises: round-robin over the villages; category mix of a 常州 county (工贸 most); industry class from
// the section that fits the category (C 制造业, F 建筑业, G 交通运输, H 住宿餐饮).
await q(
  `create temp table bench_ent as
   with counts as (select (select count(*) from bench_villages)::int as villages),
   sections as (select section, count(*)::int as size from bench_industries group by section),
   base as (
     select g, v.code as region_code,
       case when g % 20 < 11 then 'industry_trade' when g % 20 < 13 then 'hazardous_chemicals' when g % 20 < 15 then 'construction'
            when g % 20 < 17 then 'crowded_places' when g % 20 = 17 then 'transport' else 'other' end as category
     from generate_series(0, $1::int - 1) g cross join counts c join bench_villages v on v.n = g % c.villages
   )
   select b.g as n, gen_random_uuid() as id, b.region_code, b.category, i.code as industry_code
   from base b
   join sections s on s.section = case b.category when 'construction' then 'F' when 'transport' then 'G' when 'crowded_places' then 'H' else 'C' end
   join bench_industries i on i.section = s.section and i.n = b.g % s.size`,
  [enterpriseCount],
);
await q("create unique index on bench_ent (n)");
await q(
  `insert into enterprises (id, name, uscc, address, region_code, longitude, latitude, industry_code, category, subcategory, scale,
     headcount, legal_representative, principal_name, principal_phone, safety_manager_name, safety_manager_phone, status, created_at, updated_at)
   select id,
     '常州' || (array['恒','华','新','瑞','金','鑫','泰','宏','天','永'])[1 + n % 10] || (array['达','通','盛','源','丰','祥','利','安'])[1 + (n / 10) % 8]
       || (array['机械','化工','建材','纺织','电子','物流','建设','餐饮','科技','精密'])[1 + (n / 80) % 10] || n || '有限公司',
     '9132040' || lpad(n::text, 10, '0') || 'X',
     '常州市' || (array['人民路','长江路','延陵路','龙城大道','常澄路','广电路'])[1 + n % 6] || (1 + n % 999) || '号',
     region_code, 119.4 + random() * 0.8, 31.3 + random() * 0.6, industry_code, category,
     case when category = 'industry_trade' then (array['metallurgy','nonferrous','building_materials','machinery','light_industry','textile','tobacco','commerce_trade'])[1 + n % 8] end,
     (array['micro','small','small','medium','large'])[1 + n % 5], 5 + (n * 37) % 800,
     (array['王建国','李明','张伟','刘洋','陈静','杨军','赵丽','黄磊'])[1 + n % 8],
     (array['周强','吴敏','徐涛','孙娟','马超','朱红','胡斌','郭琳'])[1 + (n / 8) % 8],
     '139' || lpad((n::bigint * 7919 % 100000000)::text, 8, '0'),
     (array['何平','高洁','林峰','罗琴'])[1 + n % 4], '138' || lpad((n::bigint * 104729 % 100000000)::text, 8, '0'),
     case when n % 50 = 0 then 'suspended' else 'operating' end,
     now() - (n % 1500) * interval '1 day', now() - (n % 300) * interval '1 day'
   from bench_ent`,
);
lap(`generated ${enterpriseCount.toLocaleString("en")} enterprises`);

// Load without the secondary indexes, then build each once (much faster than maintaining a GIN index row by row).
const { rows: indexes } = await q(
  `select i.indexname, i.indexdef from pg_indexes i
   join pg_index x on x.indexrelid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
   where i.tablename = 'hazards' and not x.indisprimary`,
);
for (const i of indexes as { indexname: string }[]) await q(`drop index ${i.indexname}`);

const sites =
  "array['一号车间','二号车间','原料仓库','成品仓库','配电房','危化品库房','锅炉房','厂区道路','办公楼','员工宿舍','喷涂车间','装卸平台']";
const objects =
  "array['灭火器','配电箱','消防通道','安全出口','防护栏杆','压力表','叉车','行车吊钩','可燃气体报警器','应急照明','消火栓','安全阀']";
const problems =
  "array['过期未检','被杂物堵塞','缺少警示标识','接线不规范','损坏未及时修复','未定期检验','防护装置缺失','检查记录不全','存放超量','锁闭无法开启']";
const basics =
  "array['安全生产责任制未覆盖全员','主要负责人未按规定参加安全培训','特种作业人员无证上岗','应急预案未按期演练','安全管理台账缺失','未按规定提取安全生产费用','相关方安全协议未签订','职业病危害因素未检测','安全操作规程未张贴','隐患排查记录不完整']";
const tails = "array['','，需立即整改','，责令限期整改','，已告知企业负责人']";
const people = "array['张建华','李卫东','王秀英','刘志强','陈晓燕','杨国平','赵海涛','黄丽萍','周文斌','吴金龙']";
const siteSubTypes =
  "array['special_equipment','equipment_process','premises','operations','fire','electrical','occupational_health','contractors','other']";
const basicSubTypes =
  "array['qualification','organisation','responsibility','rules','operating_procedures','training','records','investment','emergency','special_equipment','occupational_health','contractors','other']";

// Hazards. Enterprises are drawn with a skew (some report far more than others), spread over ordinals so the
// heavy ones are not all in one village. ≈85 % accepted, 3 % reported, 6.5 % rectifying, 2 % overdue, 3.5 %
// awaiting acceptance; 3 % 重大; accepted ones reported over the past 3 years, open ones mostly in recent months.
// A reported hazard has no plan and no deadline yet; a fix on the spot (20 % of accepted general) neither.
await q(
  `insert into hazards (id, enterprise_id, region_code, industry_code, description, location, source, source_ref, category, sub_type,
     level, major_reason, status, plan, deadline, funds_fen, suspension, rectification, supervision_level, supervision_deadline,
     found_by_name, found_by_role, found_by_region, reported_at, closed_at, version, created_at, updated_at)
   with base as (
     select g, random() as rs, random() as rl, random() as rsrc, random() as rc, random() as rt, random() as rd, random() as re,
       random() as rp1, random() as rp2, random() as rp3, random() as rx
     from generate_series(1, $1::int) g
   ), shaped as (
     select b.*, e.id as enterprise_id, e.region_code, e.industry_code,
       case when rs < 0.85 then 'accepted' when rs < 0.88 then 'reported' when rs < 0.945 then 'rectifying'
            when rs < 0.965 then 'overdue' else 'awaiting_acceptance' end as status,
       case when rl < 0.03 then 'major' else 'general' end as level,
       case when rsrc < 0.50 then 'self_check' when rsrc < 0.70 then 'check_task' when rsrc < 0.82 then 'grid_patrol'
            when rsrc < 0.92 then 'regulator_inspection' when rsrc < 0.96 then 'tip_off' when rsrc < 0.98 then 'sensor' else 'other' end as source,
       case when rc < 0.35 then 'basic_management' else 'site_management' end as category
     from base b join bench_ent e on e.n = (floor(power(b.re, 1.6) * $2::int)::int * 7919) % $2::int
   ), timed as (
     select s.*,
       case when status = 'accepted' then now() - rt * interval '1095 days' else now() - power(rt, 3) * interval '365 days' end as reported_at,
       (status = 'accepted' and level = 'general' and rx < 0.2) as on_spot
     from shaped s
   ), dated as (
     select t.*,
       case when status = 'reported' or on_spot then null
            when status = 'overdue' then least((reported_at + (7 + floor(rd * 83)) * interval '1 day')::date, current_date - 1 - floor(rd * 30)::int)
            else (reported_at + (7 + floor(rd * 83)) * interval '1 day')::date end as deadline,
       case when level = 'major' then (5000 + floor(rp3 * 200000)) * 100 else (100 + floor(rp3 * 5000)) * 100 end::bigint as funds
     from timed t
   ), closed as (
     select d.*,
       case when status <> 'accepted' then null
            when on_spot then reported_at + rd * interval '4 hours'
            else least(now(), reported_at + (deadline - reported_at::date) * (0.3 + rp3 * 0.8) * interval '1 day') end as closed_at
     from dated d
   )
   select gen_random_uuid(), enterprise_id, region_code, industry_code,
     case when category = 'site_management'
          then (${sites})[1 + floor(rp1 * 12)::int] || (${objects})[1 + floor(rp2 * 12)::int] || (${problems})[1 + floor(rp3 * 10)::int]
          else (${basics})[1 + floor(rp1 * 10)::int] end || (${tails})[1 + g % 4],
     (${sites})[1 + floor(rp2 * 12)::int] || (array['东侧','西侧','南门','北门','二楼','一楼'])[1 + g % 6],
     source, case when source in ('tip_off', 'sensor') then 'BH-' || lpad(g::text, 8, '0') end,
     category,
     case when category = 'site_management' then (${siteSubTypes})[1 + floor(rx * 9)::int] else (${basicSubTypes})[1 + floor(rx * 13)::int] end,
     level, case when level = 'major' then '经现场核查，可能导致群死群伤，判定为重大事故隐患' end,
     status,
     case when deadline is null then null else jsonb_build_object(
       'measures', '落实整改措施，完善隐患台账，整改后组织复查', 'responsibleName', (${people})[1 + g % 10],
       'responsiblePhone', '139' || lpad((g::bigint * 7919 % 100000000)::text, 8, '0'), 'fundsFen', funds, 'deadline', deadline::text,
       'contingency', case when level = 'major' then '整改期间设置警戒区，配备应急器材，专人值守' end,
       'goal', case when level = 'major' then '消除重大事故隐患，达到安全生产条件' end,
       'materials', case when level = 'major' then '检测仪器、防护器材及更换设备' end,
       'organisation', case when level = 'major' then '主要负责人牵头，安全管理部门组织实施' end,
       'requirements', case when level = 'major' then '整改期间停止相关区域作业，确保安全' end,
       'suspension', case when level = 'major' then 'partial' end) end,
     deadline, case when deadline is null then null else funds end,
     case when level = 'major' and deadline is not null then 'partial' end,
     case when status in ('accepted', 'awaiting_acceptance') then '已按要求整改完毕，现场复查合格' end,
     case when level = 'major' and status in ('rectifying', 'overdue', 'awaiting_acceptance') and rx < 0.6 then 'county'
          when level = 'major' and status in ('rectifying', 'overdue', 'awaiting_acceptance') and rx < 0.8 then 'city' end,
     case when level = 'major' and status in ('rectifying', 'overdue', 'awaiting_acceptance') and rx < 0.8 then deadline end,
     (${people})[1 + (g / 10) % 10],
     case source when 'self_check' then 'enterprise_admin' when 'check_task' then 'enterprise_staff' when 'grid_patrol' then 'grid_member'
                 when 'regulator_inspection' then 'regulator_inspector' when 'tip_off' then 'regulator_inspector' else 'enterprise_admin' end,
     case source when 'grid_patrol' then left(region_code, 9) when 'regulator_inspection' then left(region_code, 6)
                 when 'tip_off' then left(region_code, 6) end,
     reported_at, closed_at,
     case status when 'reported' then 1 when 'rectifying' then 2 when 'overdue' then 3 when 'awaiting_acceptance' then 3
                 else case when on_spot then 2 else 4 end end,
     reported_at, coalesce(closed_at, reported_at + interval '1 day')
   from closed`,
  [hazardCount, enterpriseCount],
);
lap(`generated ${hazardCount.toLocaleString("en")} hazards`);

for (const i of indexes as { indexname: string; indexdef: string }[]) await q(i.indexdef);
lap(`built ${indexes.length} hazards indexes`);
await q("vacuum (analyze) hazards");
await q("vacuum (analyze) enterprises");
lap("vacuum analyze");

const { rows: stats } = await q(
  `select (select count(*) from hazards)::int as hazards, (select count(*) from enterprises)::int as enterprises,
     (select count(*) from hazards where region_code like '320481%')::int as liyang,
     pg_size_pretty(pg_total_relation_size('hazards')) as size`,
);
console.log(stats[0]);
await client.end();
console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
