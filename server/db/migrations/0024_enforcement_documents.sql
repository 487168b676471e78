CREATE TABLE "case_clock_escalations" (
	"case_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"due" date NOT NULL,
	"decision" integer NOT NULL,
	"rung" text NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_clock_escalations_case_id_clock_due_decision_rung_pk" PRIMARY KEY("case_id","clock","due","decision","rung")
);
--> statement-breakpoint
CREATE TABLE "case_document_counters" (
	"department_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "case_document_counters_department_id_year_kind_pk" PRIMARY KEY("department_id","year","kind")
);
--> statement-breakpoint
CREATE TABLE "case_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"doc_no" text NOT NULL,
	"event_seq" integer NOT NULL,
	"supersedes_id" uuid,
	"template_version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"issued_by_id" uuid,
	"issued_by_name" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_documents_kind_check" CHECK ("case_documents"."kind" in ('inspection_record','rectification_order','onsite_measures_decision','reinspection_opinion','penalty_notice','hearing_rights_notice','penalty_decision'))
);
--> statement-breakpoint
CREATE TABLE "credit_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"decision_index" integer NOT NULL,
	"criterion" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"department_id" uuid NOT NULL,
	"department_region" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_templates" (
	"kind" text PRIMARY KEY NOT NULL,
	"wording" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "penalty_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"decision_index" integer NOT NULL,
	"region_code" text NOT NULL,
	"department_id" uuid NOT NULL,
	"department_name" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"party_name" text NOT NULL,
	"uscc" text,
	"case_no" text NOT NULL,
	"decision_no" text,
	"violation" text NOT NULL,
	"basis" text NOT NULL,
	"penalty" text NOT NULL,
	"fine_fen" bigint NOT NULL,
	"decided_on" date NOT NULL,
	"published_on" date NOT NULL,
	"withdrawn_on" date,
	"withdrawn_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enforcement_cases" ADD COLUMN "order_unmet" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "enforcement_cases" ADD COLUMN "clocks" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "enforcement_cases" ADD COLUMN "next_due" date;--> statement-breakpoint
ALTER TABLE "enforcement_violations" ADD COLUMN "credit_criterion" text;--> statement-breakpoint
ALTER TABLE "case_clock_escalations" ADD CONSTRAINT "case_clock_escalations_case_id_enforcement_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_case_id_enforcement_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_proposals" ADD CONSTRAINT "credit_proposals_case_id_enforcement_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_publications" ADD CONSTRAINT "penalty_publications_case_id_enforcement_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_documents_case_idx" ON "case_documents" USING btree ("case_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_proposals_decision_key" ON "credit_proposals" USING btree ("case_id","decision_index","criterion");--> statement-breakpoint
CREATE INDEX "credit_proposals_region_idx" ON "credit_proposals" USING btree ("region_code" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "penalty_publications_decision_key" ON "penalty_publications" USING btree ("case_id","decision_index");--> statement-breakpoint
CREATE INDEX "penalty_publications_region_idx" ON "penalty_publications" USING btree ("region_code" text_pattern_ops,"decided_on");--> statement-breakpoint
CREATE INDEX "enforcement_cases_next_due_idx" ON "enforcement_cases" USING btree ("next_due") WHERE "enforcement_cases"."next_due" is not null;--> statement-breakpoint
CREATE INDEX "enforcement_violations_hazards_idx" ON "enforcement_violations" USING gin ("hazard_ids");