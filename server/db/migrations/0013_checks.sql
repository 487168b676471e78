CREATE TABLE "check_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"period_key" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"result" text NOT NULL,
	"remark" text,
	"photo_type" text,
	"photo" "bytea",
	"done_by_id" uuid,
	"done_by_name" text NOT NULL,
	"done_at" timestamp with time zone NOT NULL,
	"hazard_ref" text,
	CONSTRAINT "check_records_result_check" CHECK ("check_records"."result" in ('pass','fail'))
);
--> statement-breakpoint
CREATE TABLE "check_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"risk_point_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"content" text NOT NULL,
	"method" text,
	"frequency" text NOT NULL,
	"assignee_user_id" uuid,
	"assignee_post" text,
	"starts_on" date NOT NULL,
	"ended_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "check_tasks_frequency_check" CHECK ("check_tasks"."frequency" in ('daily','weekly','monthly','quarterly','half_yearly','yearly')),
	CONSTRAINT "check_tasks_assignee_check" CHECK ("check_tasks"."assignee_user_id" is not null or "check_tasks"."assignee_post" is not null)
);
--> statement-breakpoint
ALTER TABLE "check_records" ADD CONSTRAINT "check_records_task_id_check_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."check_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "check_records_task_period_key" ON "check_records" USING btree ("task_id","period_key");--> statement-breakpoint
CREATE INDEX "check_records_enterprise_idx" ON "check_records" USING btree ("enterprise_id","done_at");--> statement-breakpoint
CREATE INDEX "check_tasks_enterprise_idx" ON "check_tasks" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "check_tasks_point_idx" ON "check_tasks" USING btree ("risk_point_id");--> statement-breakpoint
CREATE INDEX "check_tasks_assignee_idx" ON "check_tasks" USING btree ("assignee_user_id");--> statement-breakpoint
CREATE INDEX "check_tasks_region_idx" ON "check_tasks" USING btree ("region_code" text_pattern_ops);