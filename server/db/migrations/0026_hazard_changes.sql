CREATE TABLE "hazard_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"weight" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "hazard_changes_county_idx" ON "hazard_changes" USING btree ("county_code" text_pattern_ops,"weight");