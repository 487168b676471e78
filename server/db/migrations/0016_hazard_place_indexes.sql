ALTER TABLE "hazards" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "hazards" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "hazards" ADD COLUMN "plan_x" double precision;--> statement-breakpoint
ALTER TABLE "hazards" ADD COLUMN "plan_y" double precision;--> statement-breakpoint
CREATE INDEX "hazards_open_region_idx" ON "hazards" USING btree ("region_code" text_pattern_ops,"status","deadline") WHERE "hazards"."status" in ('reported','rectifying','overdue','awaiting_acceptance');--> statement-breakpoint
CREATE INDEX "hazards_open_deadline_idx" ON "hazards" USING btree ("deadline","created_at","id","region_code" text_pattern_ops) WHERE "hazards"."status" in ('reported','rectifying','overdue','awaiting_acceptance');--> statement-breakpoint
CREATE INDEX "hazards_major_region_idx" ON "hazards" USING btree ("region_code" text_pattern_ops,"status") WHERE "hazards"."level" = 'major';--> statement-breakpoint
CREATE INDEX "hazards_major_created_idx" ON "hazards" USING btree ("created_at","region_code" text_pattern_ops) WHERE "hazards"."level" = 'major';--> statement-breakpoint
CREATE INDEX "hazards_stats_idx" ON "hazards" USING btree ("region_code" text_pattern_ops,"reported_at","closed_at","status","level","deadline");