-- 执法案件 history is append-only (issue 8 §1): the database itself refuses to change or remove an event.
CREATE OR REPLACE FUNCTION redline_refuse_event_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'enforcement events are append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER enforcement_events_append_only
BEFORE UPDATE OR DELETE ON enforcement_events
FOR EACH ROW EXECUTE FUNCTION redline_refuse_event_change();
