CREATE TABLE "enforcement_case_counters" (
	"department_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "enforcement_case_counters_department_id_year_pk" PRIMARY KEY("department_id","year")
);
--> statement-breakpoint
CREATE TABLE "enforcement_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"department_region" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"source" text NOT NULL,
	"inspection_id" uuid,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"case_no" text NOT NULL,
	"title" text NOT NULL,
	"officers" jsonb NOT NULL,
	"illegal_production" boolean DEFAULT false NOT NULL,
	"phase" text NOT NULL,
	"internal_note" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "enforcement_cases_source_check" CHECK ("enforcement_cases"."source" in ('inspection','tipoff','accident','other'))
);
--> statement-breakpoint
CREATE TABLE "enforcement_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"on" date NOT NULL,
	"payload" jsonb NOT NULL,
	"note" text,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enforcement_violations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"facts" text NOT NULL,
	"provision_violated" text NOT NULL,
	"provision_applied" text NOT NULL,
	"measure" jsonb,
	"hazard_ids" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"proposed_fen" bigint,
	"final_fen" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enforcement_events" ADD CONSTRAINT "enforcement_events_case_id_enforcement_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_violations" ADD CONSTRAINT "enforcement_violations_case_id_enforcement_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_cases_number_key" ON "enforcement_cases" USING btree ("department_id","year","seq");--> statement-breakpoint
CREATE INDEX "enforcement_cases_region_idx" ON "enforcement_cases" USING btree ("region_code" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "enforcement_cases_enterprise_idx" ON "enforcement_cases" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "enforcement_cases_inspection_idx" ON "enforcement_cases" USING btree ("inspection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_events_seq_key" ON "enforcement_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_violations_seq_key" ON "enforcement_violations" USING btree ("case_id","seq");