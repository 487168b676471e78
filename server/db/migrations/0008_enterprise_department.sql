ALTER TABLE "enterprises" ADD COLUMN "industry_department_id" uuid;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "department_override_reason" text;--> statement-breakpoint
CREATE INDEX "enterprises_department_idx" ON "enterprises" USING btree ("industry_department_id");