CREATE TABLE "hazard_identifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hazard_unit_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"unit_version" integer NOT NULL,
	"standard" text NOT NULL,
	"input" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"is_major" boolean NOT NULL,
	"level" integer,
	"computed_by" uuid,
	"computed_by_name" text,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"boundary_note" text,
	"people_exposed" integer NOT NULL,
	"substances" jsonb NOT NULL,
	"beta_rule" text DEFAULT 'max' NOT NULL,
	"responsible_persons" jsonb NOT NULL,
	"last_assessment_date" date,
	"is_major" boolean NOT NULL,
	"level" integer,
	"s" double precision NOT NULL,
	"r" double precision,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hazard_units_kind_check" CHECK ("hazard_units"."kind" in ('production','storage')),
	CONSTRAINT "hazard_units_beta_rule_check" CHECK ("hazard_units"."beta_rule" in ('max','governingCategory')),
	CONSTRAINT "hazard_units_people_check" CHECK ("hazard_units"."people_exposed" >= 0),
	CONSTRAINT "hazard_units_level_check" CHECK (("hazard_units"."is_major" and "hazard_units"."level" between 1 and 4) or (not "hazard_units"."is_major" and "hazard_units"."level" is null))
);
--> statement-breakpoint
ALTER TABLE "hazard_identifications" ADD CONSTRAINT "hazard_identifications_hazard_unit_id_hazard_units_id_fk" FOREIGN KEY ("hazard_unit_id") REFERENCES "public"."hazard_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_identifications_unit_version_key" ON "hazard_identifications" USING btree ("hazard_unit_id","unit_version");--> statement-breakpoint
CREATE INDEX "hazard_identifications_region_idx" ON "hazard_identifications" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "hazard_identifications_enterprise_idx" ON "hazard_identifications" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_units_enterprise_name_key" ON "hazard_units" USING btree ("enterprise_id","name");--> statement-breakpoint
CREATE INDEX "hazard_units_region_idx" ON "hazard_units" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "hazard_units_major_idx" ON "hazard_units" USING btree ("level","r") WHERE is_major;