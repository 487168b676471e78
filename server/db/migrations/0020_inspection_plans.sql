CREATE TABLE "inspection_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"group_key" text NOT NULL,
	"month" integer NOT NULL,
	"team" jsonb NOT NULL,
	"inspection_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspection_plan_items_month_check" CHECK ("inspection_plan_items"."month" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "inspection_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"department_id" uuid,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"groups" jsonb NOT NULL,
	"reserve_share" double precision DEFAULT 0.2 NOT NULL,
	"created_by_id" uuid,
	"approved_by_id" uuid,
	"approved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspection_plans_status_check" CHECK ("inspection_plans"."status" in ('draft','approved'))
);
--> statement-breakpoint
CREATE TABLE "self_inspection_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"checklist_id" uuid NOT NULL,
	"title" text NOT NULL,
	"frequency" text NOT NULL,
	"assignee_user_id" uuid,
	"assignee_post" text,
	"starts_on" date NOT NULL,
	"ended_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "self_inspection_schedules_frequency_check" CHECK ("self_inspection_schedules"."frequency" in ('daily','weekly','monthly','quarterly','half_yearly','yearly')),
	CONSTRAINT "self_inspection_schedules_assignee_check" CHECK ("self_inspection_schedules"."assignee_user_id" is not null or "self_inspection_schedules"."assignee_post" is not null)
);
--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "schedule_id" uuid;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "period_key" text;--> statement-breakpoint
ALTER TABLE "inspection_plan_items" ADD CONSTRAINT "inspection_plan_items_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_plan_items_plan_idx" ON "inspection_plan_items" USING btree ("plan_id","month");--> statement-breakpoint
CREATE INDEX "inspection_plan_items_enterprise_idx" ON "inspection_plan_items" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "inspection_plans_region_idx" ON "inspection_plans" USING btree ("region_code" text_pattern_ops,"year");--> statement-breakpoint
CREATE INDEX "self_inspection_schedules_enterprise_idx" ON "self_inspection_schedules" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "self_inspection_schedules_region_idx" ON "self_inspection_schedules" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "inspections_schedule_idx" ON "inspections" USING btree ("schedule_id","period_key");