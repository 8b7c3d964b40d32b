ALTER TABLE "rule_set_versions" ADD COLUMN "restored_from" integer;--> statement-breakpoint
CREATE INDEX "intakes_created_idx" ON "intakes" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_set_versions_one_draft" ON "rule_set_versions" USING btree ("status") WHERE "rule_set_versions"."status" = 'draft';--> statement-breakpoint
-- A rule set version that is no longer a draft never changes: its content, number, note and author
-- stay as published (the author may only be cleared, by the users FK's ON DELETE SET NULL), and its
-- status may only go from published to archived. Only a draft may be deleted.
CREATE FUNCTION rule_set_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'rule set version % is %: only a draft can be deleted', OLD.version, OLD.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'draft' THEN
    RETURN NEW;
  END IF;
  IF NEW.rules IS DISTINCT FROM OLD.rules
     OR NEW.version IS DISTINCT FROM OLD.version
     OR NEW.note IS DISTINCT FROM OLD.note
     OR NEW.restored_from IS DISTINCT FROM OLD.restored_from
     OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.published_at IS DISTINCT FROM OLD.published_at
     OR (NEW.created_by_id IS DISTINCT FROM OLD.created_by_id AND NEW.created_by_id IS NOT NULL) THEN
    RAISE EXCEPTION 'rule set version % is %: a published version never changes (publish a new one)', OLD.version, OLD.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (OLD.status = 'published' AND NEW.status = 'archived') THEN
    RAISE EXCEPTION 'rule set version % cannot go from % to %', OLD.version, OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER rule_set_versions_immutable BEFORE UPDATE OR DELETE ON rule_set_versions
  FOR EACH ROW EXECUTE FUNCTION rule_set_versions_immutable();
