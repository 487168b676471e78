CREATE TABLE "enterprise_import_rows" (
	"import_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"enterprise_id" uuid,
	"data" jsonb NOT NULL,
	CONSTRAINT "enterprise_import_rows_import_id_row_no_pk" PRIMARY KEY("import_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "enterprise_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'validated' NOT NULL,
	"total" integer NOT NULL,
	"to_create" integer NOT NULL,
	"to_update" integer NOT NULL,
	"rejected" integer NOT NULL,
	"rejections" jsonb NOT NULL,
	"committed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enterprise_import_rows" ADD CONSTRAINT "enterprise_import_rows_import_id_enterprise_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."enterprise_imports"("id") ON DELETE no action ON UPDATE no action;