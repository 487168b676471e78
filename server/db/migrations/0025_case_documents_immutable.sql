-- 执法文书 as issued cannot change (issue 8 §2): a correction is a new document referencing the old one.
CREATE OR REPLACE FUNCTION redline_refuse_document_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'issued documents are immutable (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_documents_immutable
BEFORE UPDATE OR DELETE ON case_documents
FOR EACH ROW EXECUTE FUNCTION redline_refuse_document_change();
