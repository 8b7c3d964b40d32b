ALTER TABLE "handoffs" ADD COLUMN "first_action_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "handoffs" ADD COLUMN "poor_escalation_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "handoffs" ADD COLUMN "fired_rules" jsonb GENERATED ALWAYS AS (jsonb_path_query_array(package, '$.reasons[*].rule')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "handoff_events_poor_escalation_idx" ON "handoff_events" USING btree ("handoff_id") WHERE "handoff_events"."type" = 'poor_escalation_flagged';--> statement-breakpoint
-- hand-written: the dashboard reads a date range of packages from this index alone (an index-only
-- scan), never the wide rows with their JSON packages. Postgres keeps it exact through every write.
CREATE INDEX "handoffs_metrics_idx" ON "handoffs" USING btree ("created_at") INCLUDE (
  "priority", "status", "accepted_at", "first_action_at", "sla_due_at", "poor_escalation_at", "meeting_booked",
  "value_amount", "value_currency", "owner_id", "team_id", "channel", "intent", "campaign", "rule_version",
  "discard_reason", "reasons", "fired_rules", "id"
);--> statement-breakpoint
-- The metrics columns follow the timeline whatever writes it (app, seed, scripts).
CREATE OR REPLACE FUNCTION handoff_events_track_metrics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.actor_kind = 'user' THEN
    UPDATE handoffs SET
      first_action_at = LEAST(COALESCE(first_action_at, NEW.created_at), NEW.created_at),
      poor_escalation_at = CASE WHEN NEW.type = 'poor_escalation_flagged'
        THEN LEAST(COALESCE(poor_escalation_at, NEW.created_at), NEW.created_at) ELSE poor_escalation_at END
    WHERE id = NEW.handoff_id
      AND (first_action_at IS NULL OR first_action_at > NEW.created_at
           OR (NEW.type = 'poor_escalation_flagged' AND (poor_escalation_at IS NULL OR poor_escalation_at > NEW.created_at)));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER handoff_events_track_metrics AFTER INSERT ON handoff_events
  FOR EACH ROW EXECUTE FUNCTION handoff_events_track_metrics();--> statement-breakpoint
UPDATE handoffs h SET first_action_at = e.first_at, poor_escalation_at = e.flagged_at
FROM (
  SELECT handoff_id, min(created_at) AS first_at, min(created_at) FILTER (WHERE type = 'poor_escalation_flagged') AS flagged_at
  FROM handoff_events WHERE actor_kind = 'user' GROUP BY handoff_id
) e
WHERE h.id = e.handoff_id;
