CREATE TABLE "risk_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"risk_point_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"policy_id" text NOT NULL,
	"policy_version" integer NOT NULL,
	"method" text NOT NULL,
	"factors" jsonb NOT NULL,
	"score" numeric NOT NULL,
	"band" text NOT NULL,
	"band_name" jsonb NOT NULL,
	"scored_level" text NOT NULL,
	"direct_judgment" jsonb,
	"level" text NOT NULL,
	"control_layer" text NOT NULL,
	"trigger" jsonb,
	"assessor_id" uuid,
	"assessor_name" text NOT NULL,
	"assessed_on" date NOT NULL,
	"next_review_date" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_assessments_level_check" CHECK ("risk_assessments"."level" in ('major','significant','general','low') and "risk_assessments"."scored_level" in ('major','significant','general','low'))
);
--> statement-breakpoint
CREATE TABLE "risk_enterprise_settings" (
	"enterprise_id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"control_layers" jsonb NOT NULL,
	"review_interval_months" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"location" text,
	"responsible" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes" text,
	"plan_x" double precision,
	"plan_y" double precision,
	"major_hazard_source" boolean DEFAULT false NOT NULL,
	"events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"level" text,
	"control_layer" text,
	"assessment_id" uuid,
	"next_review_date" date NOT NULL,
	"pending_trigger" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_points_kind_check" CHECK ("risk_points"."kind" in ('unit','area','facility','activity')),
	CONSTRAINT "risk_points_level_check" CHECK ("risk_points"."level" is null or "risk_points"."level" in ('major','significant','general','low')),
	CONSTRAINT "risk_points_position_check" CHECK (("risk_points"."plan_x" is null and "risk_points"."plan_y" is null) or ("risk_points"."plan_x" between 0 and 1 and "risk_points"."plan_y" between 0 and 1))
);
--> statement-breakpoint
CREATE TABLE "risk_policies" (
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"enterprise_id" uuid,
	"region_code" text,
	"document" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_policies_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "risk_site_plans" (
	"enterprise_id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"sha256" text NOT NULL,
	"image" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_site_plans_type_check" CHECK ("risk_site_plans"."content_type" in ('image/png','image/jpeg')),
	CONSTRAINT "risk_site_plans_size_check" CHECK ("risk_site_plans"."size" between 1 and 10485760)
);
--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_risk_point_id_risk_points_id_fk" FOREIGN KEY ("risk_point_id") REFERENCES "public"."risk_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_assessments_point_idx" ON "risk_assessments" USING btree ("risk_point_id","created_at");--> statement-breakpoint
CREATE INDEX "risk_assessments_region_idx" ON "risk_assessments" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "risk_points_enterprise_name_key" ON "risk_points" USING btree ("enterprise_id","name");--> statement-breakpoint
CREATE INDEX "risk_points_region_idx" ON "risk_points" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "risk_points_review_idx" ON "risk_points" USING btree ("next_review_date");--> statement-breakpoint
CREATE INDEX "risk_policies_enterprise_idx" ON "risk_policies" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "risk_policies_region_idx" ON "risk_policies" USING btree ("region_code" text_pattern_ops);