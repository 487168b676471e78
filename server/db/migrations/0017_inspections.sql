CREATE TABLE "checklist_versions" (
	"checklist_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"content" jsonb NOT NULL,
	"item_count" integer NOT NULL,
	"published_by_id" uuid,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "checklist_versions_checklist_id_version_pk" PRIMARY KEY("checklist_id","version")
);
--> statement-breakpoint
CREATE TABLE "checklists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"builtin_key" text,
	"owner_kind" text NOT NULL,
	"region_code" text,
	"enterprise_id" uuid,
	"name" text NOT NULL,
	"category" text,
	"draft" jsonb NOT NULL,
	"published_version" integer DEFAULT 0 NOT NULL,
	"draft_changed" integer DEFAULT 1 NOT NULL,
	"copied_from_id" uuid,
	"copied_from_version" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "checklists_owner_check" CHECK ("checklists"."owner_kind" in ('builtin','region','enterprise')),
	CONSTRAINT "checklists_status_check" CHECK ("checklists"."status" in ('active','archived'))
);
--> statement-breakpoint
CREATE TABLE "inspection_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspection_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"location_kept" integer DEFAULT 0 NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspection_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"outcome" text,
	"result" text,
	"number" double precision,
	"text" text,
	"note" text,
	"answered_by_id" uuid,
	"answered_at" timestamp with time zone NOT NULL,
	"hazard_id" uuid,
	CONSTRAINT "inspection_responses_outcome_check" CHECK ("inspection_responses"."outcome" is null or "inspection_responses"."outcome" in ('pass','fail','na'))
);
--> statement-breakpoint
CREATE TABLE "inspection_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"signer" text NOT NULL,
	"name" text NOT NULL,
	"user_id" uuid,
	"image" "bytea" NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspection_signatures_signer_check" CHECK ("inspection_signatures"."signer" in ('inspector','enterprise'))
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"department_id" uuid,
	"checklist_id" uuid NOT NULL,
	"checklist_version" integer NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"inspectors" jsonb NOT NULL,
	"inspector_region" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"start_latitude" double precision,
	"start_longitude" double precision,
	"result" text,
	"summary" text,
	"corrects_id" uuid,
	"plan_item_id" uuid,
	"draw_id" uuid,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspections_kind_check" CHECK ("inspections"."kind" in ('planned','double_random','complaint','referral','accident','follow_up','self','unannounced','cross_area')),
	CONSTRAINT "inspections_status_check" CHECK ("inspections"."status" in ('in_progress','finished'))
);
--> statement-breakpoint
CREATE TABLE "random_draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_code" text NOT NULL,
	"title" text NOT NULL,
	"department_id" uuid,
	"region_code" text NOT NULL,
	"status" text DEFAULT 'prepared' NOT NULL,
	"params" jsonb NOT NULL,
	"objects" jsonb NOT NULL,
	"objects_digest" text NOT NULL,
	"inspectors" jsonb NOT NULL,
	"inspectors_digest" text NOT NULL,
	"recusals" jsonb NOT NULL,
	"beacon_source" text NOT NULL,
	"beacon_id" text NOT NULL,
	"beacon_value" text,
	"seed" text,
	"result" jsonb,
	"unannounced" boolean DEFAULT false NOT NULL,
	"prepared_by_id" uuid,
	"prepared_at" timestamp with time zone NOT NULL,
	"executed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "random_draws_status_check" CHECK ("random_draws"."status" in ('prepared','executed'))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "enforcement_cert_no" text;--> statement-breakpoint
ALTER TABLE "checklist_versions" ADD CONSTRAINT "checklist_versions_checklist_id_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."checklists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_photos" ADD CONSTRAINT "inspection_photos_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_responses" ADD CONSTRAINT "inspection_responses_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_signatures" ADD CONSTRAINT "inspection_signatures_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checklists_builtin_key" ON "checklists" USING btree ("builtin_key");--> statement-breakpoint
CREATE INDEX "checklists_region_idx" ON "checklists" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "checklists_enterprise_idx" ON "checklists" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "inspection_photos_inspection_idx" ON "inspection_photos" USING btree ("inspection_id","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_responses_item" ON "inspection_responses" USING btree ("inspection_id","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_signatures_signer" ON "inspection_signatures" USING btree ("inspection_id","signer","name");--> statement-breakpoint
CREATE INDEX "inspections_enterprise_idx" ON "inspections" USING btree ("enterprise_id","started_at");--> statement-breakpoint
CREATE INDEX "inspections_region_idx" ON "inspections" USING btree ("region_code" text_pattern_ops,"started_at");--> statement-breakpoint
CREATE INDEX "inspections_draw_idx" ON "inspections" USING btree ("draw_id");--> statement-breakpoint
CREATE UNIQUE INDEX "random_draws_plan_code" ON "random_draws" USING btree ("plan_code");--> statement-breakpoint
CREATE INDEX "random_draws_region_idx" ON "random_draws" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "users_enforcement_cert_key" ON "users" USING btree ("enforcement_cert_no");