CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "departments_kind_check" CHECK ("departments"."kind" in ('emergency','housing','transport','market','fire','education','commerce','culture_tourism','industry_it','agriculture','water','health','other'))
);
--> statement-breakpoint
CREATE TABLE "industry_department_map" (
	"industry_prefix" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "industry_department_map_kind_check" CHECK ("industry_department_map"."kind" in ('emergency','housing','transport','market','fire','education','commerce','culture_tourism','industry_it','agriculture','water','health','other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "departments_region_kind_key" ON "departments" USING btree ("region_code","kind");--> statement-breakpoint
CREATE INDEX "departments_region_idx" ON "departments" USING btree ("region_code" text_pattern_ops);