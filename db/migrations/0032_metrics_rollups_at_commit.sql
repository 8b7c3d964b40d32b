-- The rollup triggers run at commit instead of at each statement. A rollup row is shared by every
-- package of its day and shard, so the transaction that updates it holds that row until it commits:
-- run at the statement, an intake held it from its handoff's insert through routing and every round
-- trip after it, and concurrent intakes queued behind one another (the intake bench: 3.6 of the
-- app's 10 connections waiting on those rows). At commit it is held for the commit alone. A refresh
-- reads the package as it is then and stores the difference, so a package inserted and routed in one
-- transaction is counted once, and the later refreshes of the same package find nothing to change.
DROP TRIGGER metrics_rollup_handoffs_insert_delete ON handoffs;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER metrics_rollup_handoffs_insert_delete AFTER INSERT OR DELETE ON handoffs
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION metrics_rollup_handoff_changed();--> statement-breakpoint
DROP TRIGGER metrics_rollup_handoffs_update ON handoffs;--> statement-breakpoint
-- Only a change to what the rollups count refreshes them: most updates (the package, its version, a snooze) do not.
CREATE CONSTRAINT TRIGGER metrics_rollup_handoffs_update AFTER UPDATE ON handoffs
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN ((OLD.created_at, OLD.priority, OLD.status, OLD.reasons, OLD.channel, OLD.campaign, OLD.intent, OLD.owner_id, OLD.team_id,
                      OLD.rule_version, OLD.accepted_at IS NULL, OLD.discard_reason, OLD.first_action_at, OLD.sla_due_at, OLD.poor_escalation_at IS NULL,
                      OLD.value_amount, OLD.value_currency, OLD.fired_rules, OLD.meeting_booked, OLD.first_human_contact_at)
           IS DISTINCT FROM (NEW.created_at, NEW.priority, NEW.status, NEW.reasons, NEW.channel, NEW.campaign, NEW.intent, NEW.owner_id, NEW.team_id,
                      NEW.rule_version, NEW.accepted_at IS NULL, NEW.discard_reason, NEW.first_action_at, NEW.sla_due_at, NEW.poor_escalation_at IS NULL,
                      NEW.value_amount, NEW.value_currency, NEW.fired_rules, NEW.meeting_booked, NEW.first_human_contact_at))
  EXECUTE FUNCTION metrics_rollup_handoff_changed();--> statement-breakpoint
DROP TRIGGER metrics_rollup_flag_events_insert ON handoff_events;--> statement-breakpoint
-- A timeline event matters only as a poor-escalation flag (the rule it names); a meeting as booked or not.
CREATE CONSTRAINT TRIGGER metrics_rollup_flag_events_insert AFTER INSERT ON handoff_events
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.type = 'poor_escalation_flagged') EXECUTE FUNCTION metrics_rollup_related_changed();--> statement-breakpoint
DROP TRIGGER metrics_rollup_flag_events_change ON handoff_events;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER metrics_rollup_flag_events_change AFTER UPDATE OR DELETE ON handoff_events
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION metrics_rollup_related_changed();--> statement-breakpoint
DROP TRIGGER metrics_rollup_meetings ON meetings;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER metrics_rollup_meetings AFTER INSERT OR UPDATE OR DELETE ON meetings
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION metrics_rollup_related_changed();
