ALTER TABLE "users" ADD COLUMN "open_immediate" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Each person's open immediate packages, kept as packages are created, assigned, reprioritised and
-- closed. Routing reads it under its lock; counting packages there made every intake wait on the count.
CREATE FUNCTION handoffs_track_open_immediate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_owner text := CASE WHEN TG_OP <> 'INSERT' AND OLD.priority = 'immediate' AND OLD.is_open THEN OLD.owner_id END;
  new_owner text := CASE WHEN TG_OP <> 'DELETE' AND NEW.priority = 'immediate' AND NEW.is_open THEN NEW.owner_id END;
BEGIN
  IF old_owner IS NOT DISTINCT FROM new_owner THEN
    RETURN NULL;
  END IF;
  IF old_owner IS NOT NULL THEN
    UPDATE users SET open_immediate = open_immediate - 1 WHERE id = old_owner;
  END IF;
  IF new_owner IS NOT NULL THEN
    UPDATE users SET open_immediate = open_immediate + 1 WHERE id = new_owner;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER handoffs_track_open_immediate_insert AFTER INSERT ON handoffs
  FOR EACH ROW WHEN (NEW.priority = 'immediate' AND NEW.is_open AND NEW.owner_id IS NOT NULL)
  EXECUTE FUNCTION handoffs_track_open_immediate();
--> statement-breakpoint
CREATE TRIGGER handoffs_track_open_immediate_update AFTER UPDATE ON handoffs
  FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.priority IS DISTINCT FROM NEW.priority OR OLD.is_open IS DISTINCT FROM NEW.is_open)
  EXECUTE FUNCTION handoffs_track_open_immediate();
--> statement-breakpoint
CREATE TRIGGER handoffs_track_open_immediate_delete AFTER DELETE ON handoffs
  FOR EACH ROW WHEN (OLD.priority = 'immediate' AND OLD.is_open AND OLD.owner_id IS NOT NULL)
  EXECUTE FUNCTION handoffs_track_open_immediate();
--> statement-breakpoint
UPDATE users u SET open_immediate = c.n
FROM (SELECT owner_id, count(*)::int AS n FROM handoffs WHERE priority = 'immediate' AND is_open AND owner_id IS NOT NULL GROUP BY owner_id) c
WHERE c.owner_id = u.id;
