CREATE TABLE "exposure_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" uuid NOT NULL,
	"hazard_id" uuid NOT NULL,
	"enterprise_name" text NOT NULL,
	"uscc" text NOT NULL,
	"summary" text NOT NULL,
	"deadline" date,
	"days_overdue" integer NOT NULL,
	"status" text NOT NULL,
	"supervising_body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exposure_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"region_name" text NOT NULL,
	"week_start" date NOT NULL,
	"status" text NOT NULL,
	"created_by_id" uuid,
	"approved_by_id" uuid,
	"approved_by_name" text,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "exposure_lists_status_check" CHECK ("exposure_lists"."status" in ('draft','published'))
);
--> statement-breakpoint
CREATE TABLE "hazard_escalations" (
	"hazard_id" uuid NOT NULL,
	"rung" text NOT NULL,
	"day" date NOT NULL,
	"days_overdue" integer NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hazard_escalations_hazard_id_rung_pk" PRIMARY KEY("hazard_id","rung")
);
--> statement-breakpoint
CREATE TABLE "hazard_stat_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"figures" jsonb NOT NULL,
	"principal_name" text NOT NULL,
	"submitted_by_id" uuid,
	"submitted_by_name" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"on_time" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hazard_stat_reports_kind_check" CHECK ("hazard_stat_reports"."kind" in ('quarterly','annual'))
);
--> statement-breakpoint
CREATE TABLE "hazard_supervisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hazard_id" uuid NOT NULL,
	"level" text NOT NULL,
	"unit_name" text NOT NULL,
	"unit_region_code" text NOT NULL,
	"deadline" date NOT NULL,
	"requirements" text NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"listed_by_id" uuid,
	"listed_by_name" text NOT NULL,
	"listed_at" timestamp with time zone NOT NULL,
	"completion_report" text,
	"evaluation" text,
	"completion_at" timestamp with time zone,
	"suspension" text DEFAULT 'none' NOT NULL,
	"resumption_applied_on" date,
	"resumption_review_due" date,
	"resumption_decision" text,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hazard_supervisions_level_check" CHECK ("hazard_supervisions"."level" in ('county','city','province')),
	CONSTRAINT "hazard_supervisions_status_check" CHECK ("hazard_supervisions"."status" in ('listed','completion_reported','delisted')),
	CONSTRAINT "hazard_supervisions_suspension_check" CHECK ("hazard_supervisions"."suspension" in ('none','partial','full')),
	CONSTRAINT "hazard_supervisions_decision_check" CHECK ("hazard_supervisions"."resumption_decision" is null or "hazard_supervisions"."resumption_decision" in ('approved','refused'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"body_zh" text NOT NULL,
	"body_en" text NOT NULL,
	"link" text,
	"subject_type" text,
	"subject_id" text,
	"dedupe_key" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"notification_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "webhook_outbox_status_check" CHECK ("webhook_outbox"."status" in ('pending','delivered','failed'))
);
--> statement-breakpoint
ALTER TABLE "hazards" ADD COLUMN "industry_code" text;--> statement-breakpoint
ALTER TABLE "hazards" ADD COLUMN "supervision_level" text;--> statement-breakpoint
ALTER TABLE "hazards" ADD COLUMN "supervision_deadline" date;--> statement-breakpoint
ALTER TABLE "hazards" ADD COLUMN "escalation_rung" text;--> statement-breakpoint
ALTER TABLE "exposure_items" ADD CONSTRAINT "exposure_items_list_id_exposure_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."exposure_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposure_items" ADD CONSTRAINT "exposure_items_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_escalations" ADD CONSTRAINT "hazard_escalations_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_supervisions" ADD CONSTRAINT "hazard_supervisions_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exposure_items_uq" ON "exposure_items" USING btree ("list_id","hazard_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exposure_lists_uq" ON "exposure_lists" USING btree ("region_code","week_start");--> statement-breakpoint
CREATE INDEX "exposure_lists_published_idx" ON "exposure_lists" USING btree ("status","week_start");--> statement-breakpoint
CREATE INDEX "hazard_escalations_day_idx" ON "hazard_escalations" USING btree ("day");--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_stat_reports_uq" ON "hazard_stat_reports" USING btree ("enterprise_id","period");--> statement-breakpoint
CREATE INDEX "hazard_stat_reports_region_idx" ON "hazard_stat_reports" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "hazard_supervisions_hazard_idx" ON "hazard_supervisions" USING btree ("hazard_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_supervisions_active_uq" ON "hazard_supervisions" USING btree ("hazard_id") WHERE "hazard_supervisions"."status" in ('listed','completion_reported');--> statement-breakpoint
CREATE INDEX "hazard_supervisions_unit_idx" ON "hazard_supervisions" USING btree ("unit_region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "webhook_outbox_pending_idx" ON "webhook_outbox" USING btree ("next_attempt_at") WHERE "webhook_outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "hazards_supervision_idx" ON "hazards" USING btree ("supervision_level","supervision_deadline") WHERE "hazards"."supervision_level" is not null;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_supervision_level_check" CHECK ("hazards"."supervision_level" is null or "hazards"."supervision_level" in ('county','city','province'));