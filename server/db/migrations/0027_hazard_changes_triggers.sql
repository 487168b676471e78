-- Every statement that writes hazards logs the counties it touched (hazard_changes, hazards.changes.ts): one row
-- per county and statement, from the statement's transition tables, so a bulk insert costs one row per county.
CREATE OR REPLACE FUNCTION redline_log_hazard_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO hazard_changes (county_code) SELECT DISTINCT left(region_code, 6) FROM changed_new;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO hazard_changes (county_code) SELECT DISTINCT left(region_code, 6) FROM changed_old;
  ELSE
    -- A move between counties changes both.
    INSERT INTO hazard_changes (county_code)
      SELECT left(region_code, 6) FROM changed_new UNION SELECT left(region_code, 6) FROM changed_old;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hazards_log_insert AFTER INSERT ON hazards
REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION redline_log_hazard_changes();
--> statement-breakpoint
CREATE TRIGGER hazards_log_update AFTER UPDATE ON hazards
REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION redline_log_hazard_changes();
--> statement-breakpoint
CREATE TRIGGER hazards_log_delete AFTER DELETE ON hazards
REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION redline_log_hazard_changes();
