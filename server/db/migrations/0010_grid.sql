CREATE TABLE "grid_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"duties" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "grid_assignments_duties_check" CHECK (char_length("grid_assignments"."duties") between 1 and 1000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "grid_assignments_active_key" ON "grid_assignments" USING btree ("user_id","region_code") WHERE active;--> statement-breakpoint
CREATE INDEX "grid_assignments_region_idx" ON "grid_assignments" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grid_assignments_user_idx" ON "grid_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "regions_successor_idx" ON "regions" USING btree ("successor_code") WHERE "regions"."successor_code" is not null;