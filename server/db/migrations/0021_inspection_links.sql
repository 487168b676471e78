DROP INDEX "inspections_schedule_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_schedule_period_key" ON "inspections" USING btree ("schedule_id","period_key") WHERE "inspections"."schedule_id" is not null;--> statement-breakpoint
CREATE INDEX "inspections_plan_item_idx" ON "inspections" USING btree ("plan_item_id") WHERE "inspections"."plan_item_id" is not null;