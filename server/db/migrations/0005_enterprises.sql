CREATE TABLE "enterprises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"uscc" text NOT NULL,
	"address" text NOT NULL,
	"region_code" text NOT NULL,
	"longitude" double precision,
	"latitude" double precision,
	"industry_code" text NOT NULL,
	"category" text NOT NULL,
	"subcategory" text,
	"scale" text NOT NULL,
	"headcount" integer NOT NULL,
	"legal_representative" text NOT NULL,
	"principal_name" text NOT NULL,
	"principal_phone" text NOT NULL,
	"safety_manager_name" text,
	"safety_manager_phone" text,
	"has_major_hazard_source" boolean DEFAULT false NOT NULL,
	"standardisation_grade" text DEFAULT 'none' NOT NULL,
	"status" text DEFAULT 'operating' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "enterprises_status_check" CHECK ("enterprises"."status" in ('operating','suspended','closed')),
	CONSTRAINT "enterprises_scale_check" CHECK ("enterprises"."scale" in ('large','medium','small','micro')),
	CONSTRAINT "enterprises_subcategory_check" CHECK ("enterprises"."subcategory" is null or "enterprises"."category" = 'industry_trade')
);
--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_uscc_key" ON "enterprises" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "enterprises_region_idx" ON "enterprises" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "enterprises_name_trgm_idx" ON "enterprises" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "enterprises_industry_idx" ON "enterprises" USING btree ("industry_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "enterprises_category_idx" ON "enterprises" USING btree ("category","status");