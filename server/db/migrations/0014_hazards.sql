CREATE TABLE "hazard_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"hazard_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"actor_role" text,
	"note" text,
	"detail" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hazard_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"phase" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"location_kept" boolean NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hazard_photos_phase_check" CHECK ("hazard_photos"."phase" in ('before','after'))
);
--> statement-breakpoint
CREATE TABLE "hazards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"description" text NOT NULL,
	"location" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"category" text NOT NULL,
	"sub_type" text,
	"level" text NOT NULL,
	"criterion_id" text,
	"criterion_ref" text,
	"major_reason" text,
	"status" text NOT NULL,
	"plan" jsonb,
	"deadline" date,
	"funds_fen" bigint,
	"suspension" text,
	"rectification" text,
	"found_by_id" uuid,
	"found_by_name" text NOT NULL,
	"found_by_role" text,
	"found_by_region" text,
	"reported_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hazards_level_check" CHECK ("hazards"."level" in ('general','major')),
	CONSTRAINT "hazards_status_check" CHECK ("hazards"."status" in ('reported','rectifying','overdue','awaiting_acceptance','accepted','voided')),
	CONSTRAINT "hazards_source_check" CHECK ("hazards"."source" in ('self_check','check_task','grid_patrol','regulator_inspection','tip_off','sensor','other')),
	CONSTRAINT "hazards_category_check" CHECK ("hazards"."category" in ('basic_management','site_management')),
	CONSTRAINT "hazards_funds_check" CHECK ("hazards"."funds_fen" is null or "hazards"."funds_fen" >= 0),
	CONSTRAINT "hazards_major_check" CHECK ("hazards"."level" = 'general' or "hazards"."criterion_id" is not null or "hazards"."major_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "hazard_events" ADD CONSTRAINT "hazard_events_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_photos" ADD CONSTRAINT "hazard_photos_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hazard_events_hazard_idx" ON "hazard_events" USING btree ("hazard_id","seq");--> statement-breakpoint
CREATE INDEX "hazard_photos_hazard_idx" ON "hazard_photos" USING btree ("hazard_id");--> statement-breakpoint
CREATE INDEX "hazards_region_idx" ON "hazards" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "hazards_enterprise_idx" ON "hazards" USING btree ("enterprise_id","created_at");--> statement-breakpoint
CREATE INDEX "hazards_status_deadline_idx" ON "hazards" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "hazards_created_idx" ON "hazards" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "hazards_source_ref_idx" ON "hazards" USING btree ("source","source_ref");--> statement-breakpoint
CREATE INDEX "hazards_description_trgm_idx" ON "hazards" USING gin ("description" gin_trgm_ops);