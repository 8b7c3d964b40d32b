CREATE TABLE "metrics_daily" (
	"dimension" text NOT NULL,
	"day" date NOT NULL,
	"key" text,
	"shard" smallint DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"in_follow_up" integer DEFAULT 0 NOT NULL,
	"discarded" integer DEFAULT 0 NOT NULL,
	"converted" integer DEFAULT 0 NOT NULL,
	"meetings" integer DEFAULT 0 NOT NULL,
	"actioned" integer DEFAULT 0 NOT NULL,
	"sla_breached_actioned" integer DEFAULT 0 NOT NULL,
	"open_with_due" integer DEFAULT 0 NOT NULL,
	"poor_escalations" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "metrics_daily_slice_key" UNIQUE NULLS NOT DISTINCT("dimension","day","key","shard")
);
--> statement-breakpoint
CREATE TABLE "metrics_daily_rules" (
	"by_rule_id" boolean NOT NULL,
	"day" date NOT NULL,
	"rule" text,
	"rule_version" integer NOT NULL,
	"shard" smallint DEFAULT 0 NOT NULL,
	"produced" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"converted" integer DEFAULT 0 NOT NULL,
	"discarded" integer DEFAULT 0 NOT NULL,
	"flagged" integer DEFAULT 0 NOT NULL,
	"good" integer DEFAULT 0 NOT NULL,
	"bad" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "metrics_daily_rules_slice_key" UNIQUE NULLS NOT DISTINCT("by_rule_id","day","rule","rule_version","shard")
);
--> statement-breakpoint
CREATE TABLE "metrics_daily_values" (
	"dimension" text NOT NULL,
	"day" date NOT NULL,
	"key" text,
	"shard" smallint DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"amount" numeric DEFAULT '0' NOT NULL,
	"packages" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "metrics_daily_values_slice_key" UNIQUE NULLS NOT DISTINCT("dimension","day","key","currency","shard")
);
--> statement-breakpoint
CREATE TABLE "metrics_rollup_sources" (
	"handoff_id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"shard" smallint NOT NULL,
	"priority" text,
	"status" text NOT NULL,
	"reasons" text[] NOT NULL,
	"channel" text NOT NULL,
	"campaign" text,
	"intent" text NOT NULL,
	"owner_id" text,
	"team_id" text,
	"rule_version" integer NOT NULL,
	"accepted" boolean NOT NULL,
	"discard_reason" text,
	"first_action_at" timestamp with time zone,
	"sla_due_at" timestamp with time zone,
	"poor_escalated" boolean NOT NULL,
	"value_amount" numeric,
	"value_currency" text,
	"fired_rules" jsonb NOT NULL,
	"has_meeting" boolean NOT NULL,
	"flagged_rules" text[] NOT NULL
);
--> statement-breakpoint
-- hand-written: the dashboard's daily rollups, kept exact by triggers in the transaction of every
-- change (see ARCHITECTURE.md, "Metrics rollups"). A package's contribution is computed from one
-- row of metrics_rollup_sources; a refresh subtracts what the package last added and adds what it
-- adds now, so triggers firing in any order (the package's update, a meeting, a flag event, a
-- cascade) end with the same rollups as a rebuild from the raw rows.
-- What a package contributes, read from its current rows; a missing package gives no row.
CREATE VIEW "metrics_rollup_current" AS
SELECT h.id AS handoff_id, h.created_at, (hashtext(h.id::text) & 3)::smallint AS shard, h.priority::text AS priority,
       h.status::text AS status, h.reasons, h.channel::text AS channel, h.campaign, h.intent, h.owner_id, h.team_id::text AS team_id,
       h.rule_version, h.accepted_at IS NOT NULL AS accepted, h.discard_reason, h.first_action_at, h.sla_due_at,
       h.poor_escalation_at IS NOT NULL AS poor_escalated, h.value_amount::numeric AS value_amount, h.value_currency, h.fired_rules,
       h.meeting_booked OR EXISTS (SELECT 1 FROM meetings m WHERE m.handoff_id = h.id AND m.booked_at IS NOT NULL) AS has_meeting,
       coalesce((SELECT array_agg(DISTINCT e.data->>'rule' ORDER BY e.data->>'rule') FROM handoff_events e
                 WHERE e.handoff_id = h.id AND e.type = 'poor_escalation_flagged' AND e.data->>'rule' IS NOT NULL), '{}') AS flagged_rules
FROM handoffs h;--> statement-breakpoint
-- The breakdown slices an escalated package counts in ("all" included), n times when a reason repeats (as unnest counts it).
CREATE FUNCTION metrics_rollup_slices(s metrics_rollup_sources) RETURNS TABLE (dimension text, key text, n int) LANGUAGE sql STABLE AS $$
  SELECT d.dimension, d.key, d.n FROM (
    SELECT 'all', NULL::text, 1
    UNION ALL SELECT 'priority', s.priority, 1
    UNION ALL SELECT 'reason', r.code, count(*)::int FROM unnest(s.reasons) AS r(code) GROUP BY r.code
    UNION ALL SELECT 'channel', s.channel, 1
    UNION ALL SELECT 'campaign', s.campaign, 1
    UNION ALL SELECT 'intent', s.intent, 1
    UNION ALL SELECT 'owner', s.owner_id, 1
    UNION ALL SELECT 'team', s.team_id, 1
    UNION ALL SELECT 'rule_version', s.rule_version::text, 1
  ) AS d(dimension, key, n)
  WHERE s.priority IS NOT NULL
$$;--> statement-breakpoint
CREATE FUNCTION metrics_rollup_daily_rows(s metrics_rollup_sources)
RETURNS TABLE (dimension text, day date, key text, created int, accepted int, in_follow_up int, discarded int, converted int, meetings int,
               actioned int, sla_breached_actioned int, open_with_due int, poor_escalations int)
LANGUAGE sql STABLE AS $$
  SELECT d.dimension, (s.created_at AT TIME ZONE 'UTC')::date, d.key, d.n,
         d.n * s.accepted::int, d.n * (s.status = 'in_follow_up')::int, d.n * (s.status = 'discarded')::int, d.n * (s.status = 'converted')::int,
         d.n * s.has_meeting::int, d.n * (s.first_action_at IS NOT NULL)::int, d.n * coalesce(s.first_action_at > s.sla_due_at, false)::int,
         d.n * (s.first_action_at IS NULL AND s.sla_due_at IS NOT NULL)::int, d.n * s.poor_escalated::int
  FROM (
    SELECT sl.dimension, sl.key, sl.n FROM metrics_rollup_slices(s) sl
    UNION ALL SELECT 'discard_reason', coalesce(s.discard_reason, 'other'), 1 WHERE s.priority IS NOT NULL AND s.status = 'discarded'
    UNION ALL SELECT 'not_escalated', NULL, 1 WHERE s.priority IS NULL
  ) AS d
$$;--> statement-breakpoint
CREATE FUNCTION metrics_rollup_value_rows(s metrics_rollup_sources)
RETURNS TABLE (dimension text, day date, key text, currency text, amount numeric, packages int) LANGUAGE sql STABLE AS $$
  SELECT sl.dimension, (s.created_at AT TIME ZONE 'UTC')::date, sl.key, s.value_currency, s.value_amount * sl.n, sl.n
  FROM (SELECT * FROM metrics_rollup_slices(s) OFFSET 0) AS sl
  WHERE s.status = 'converted' AND s.value_amount IS NOT NULL AND s.value_currency IS NOT NULL
$$;--> statement-breakpoint
-- Per fired rule, counted once per package however many of its signals fired; flagged when one of
-- the package's flag events names the rule (only once the package carries its poor-escalation mark).
CREATE FUNCTION metrics_rollup_rule_rows(s metrics_rollup_sources)
RETURNS TABLE (by_rule_id boolean, day date, rule text, rule_version int, produced int, accepted int, converted int, discarded int,
               flagged int, good int, bad int) LANGUAGE sql STABLE AS $$
  SELECT f.by_rule_id, (s.created_at AT TIME ZONE 'UTC')::date, f.rule, s.rule_version, 1, s.accepted::int, (s.status = 'converted')::int,
         (s.status = 'discarded')::int, f.flagged::int,
         ((s.accepted OR s.status = 'converted') AND s.status <> 'discarded' AND NOT f.flagged)::int,
         (s.status = 'discarded' OR f.flagged)::int
  FROM (
    SELECT b.by_rule_id, r.rule,
           s.poor_escalated AND EXISTS (SELECT 1 FROM unnest(s.flagged_rules) AS fr(rule)
                                        WHERE CASE WHEN b.by_rule_id THEN split_part(fr.rule, ':', 1) ELSE fr.rule END = r.rule) AS flagged
    FROM (VALUES (false), (true)) AS b(by_rule_id)
    CROSS JOIN LATERAL (SELECT DISTINCT CASE WHEN b.by_rule_id THEN split_part(x.id, ':', 1) ELSE x.id END AS rule
                        FROM jsonb_array_elements_text(s.fired_rules) AS x(id)) AS r
  ) AS f
  WHERE s.priority IS NOT NULL
$$;--> statement-breakpoint
CREATE FUNCTION metrics_rollup_apply(s metrics_rollup_sources, sign int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Rows in one order (dimension, key) in every transaction, so two of them wait rather than deadlock.
  INSERT INTO metrics_daily AS t (dimension, day, key, shard, created, accepted, in_follow_up, discarded, converted, meetings, actioned,
                                  sla_breached_actioned, open_with_due, poor_escalations)
  SELECT r.dimension, r.day, r.key, s.shard, sign * r.created, sign * r.accepted, sign * r.in_follow_up, sign * r.discarded, sign * r.converted,
         sign * r.meetings, sign * r.actioned, sign * r.sla_breached_actioned, sign * r.open_with_due, sign * r.poor_escalations
  FROM metrics_rollup_daily_rows(s) r ORDER BY r.dimension, r.key
  ON CONFLICT ON CONSTRAINT metrics_daily_slice_key DO UPDATE SET
    created = t.created + excluded.created, accepted = t.accepted + excluded.accepted, in_follow_up = t.in_follow_up + excluded.in_follow_up,
    discarded = t.discarded + excluded.discarded, converted = t.converted + excluded.converted, meetings = t.meetings + excluded.meetings,
    actioned = t.actioned + excluded.actioned, sla_breached_actioned = t.sla_breached_actioned + excluded.sla_breached_actioned,
    open_with_due = t.open_with_due + excluded.open_with_due, poor_escalations = t.poor_escalations + excluded.poor_escalations;
  INSERT INTO metrics_daily_values AS t (dimension, day, key, shard, currency, amount, packages)
  SELECT r.dimension, r.day, r.key, s.shard, r.currency, sign * r.amount, sign * r.packages
  FROM metrics_rollup_value_rows(s) r ORDER BY r.dimension, r.key
  ON CONFLICT ON CONSTRAINT metrics_daily_values_slice_key DO UPDATE SET amount = t.amount + excluded.amount, packages = t.packages + excluded.packages;
  INSERT INTO metrics_daily_rules AS t (by_rule_id, day, rule, rule_version, shard, produced, accepted, converted, discarded, flagged, good, bad)
  SELECT r.by_rule_id, r.day, r.rule, r.rule_version, s.shard, sign * r.produced, sign * r.accepted, sign * r.converted, sign * r.discarded,
         sign * r.flagged, sign * r.good, sign * r.bad
  FROM metrics_rollup_rule_rows(s) r ORDER BY r.by_rule_id, r.rule
  ON CONFLICT ON CONSTRAINT metrics_daily_rules_slice_key DO UPDATE SET
    produced = t.produced + excluded.produced, accepted = t.accepted + excluded.accepted, converted = t.converted + excluded.converted,
    discarded = t.discarded + excluded.discarded, flagged = t.flagged + excluded.flagged, good = t.good + excluded.good, bad = t.bad + excluded.bad;
END $$;--> statement-breakpoint
CREATE FUNCTION metrics_rollup_refresh(target uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  previous metrics_rollup_sources;
  had_previous boolean;
  present metrics_rollup_sources;
BEGIN
  IF target IS NULL THEN RETURN; END IF;
  -- The source row is the package's lock for its rollups: a concurrent refresh waits here and then
  -- reads what this one stored (an upsert, never a delete and insert, so the waiter finds it).
  SELECT * INTO previous FROM metrics_rollup_sources WHERE handoff_id = target FOR UPDATE;
  had_previous := FOUND;
  SELECT * INTO present FROM metrics_rollup_current WHERE handoff_id = target;
  IF NOT FOUND THEN
    IF had_previous THEN
      PERFORM metrics_rollup_apply(previous, -1);
      DELETE FROM metrics_rollup_sources WHERE handoff_id = target;
    END IF;
    RETURN;
  END IF;
  IF had_previous AND previous IS NOT DISTINCT FROM present THEN RETURN; END IF;
  IF had_previous THEN PERFORM metrics_rollup_apply(previous, -1); END IF;
  PERFORM metrics_rollup_apply(present, 1);
  INSERT INTO metrics_rollup_sources SELECT (present).*
  ON CONFLICT (handoff_id) DO UPDATE SET
    created_at = excluded.created_at, shard = excluded.shard, priority = excluded.priority, status = excluded.status, reasons = excluded.reasons,
    channel = excluded.channel, campaign = excluded.campaign, intent = excluded.intent, owner_id = excluded.owner_id, team_id = excluded.team_id,
    rule_version = excluded.rule_version, accepted = excluded.accepted, discard_reason = excluded.discard_reason,
    first_action_at = excluded.first_action_at, sla_due_at = excluded.sla_due_at, poor_escalated = excluded.poor_escalated,
    value_amount = excluded.value_amount, value_currency = excluded.value_currency, fired_rules = excluded.fired_rules,
    has_meeting = excluded.has_meeting, flagged_rules = excluded.flagged_rules;
END $$;--> statement-breakpoint
CREATE FUNCTION metrics_rollup_handoff_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN PERFORM metrics_rollup_refresh(OLD.id); ELSE PERFORM metrics_rollup_refresh(NEW.id); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER metrics_rollup_handoffs_insert_delete AFTER INSERT OR DELETE ON handoffs
  FOR EACH ROW EXECUTE FUNCTION metrics_rollup_handoff_changed();--> statement-breakpoint
-- Only a change to what the rollups count refreshes them: most updates (the package, its version, a snooze) do not.
CREATE TRIGGER metrics_rollup_handoffs_update AFTER UPDATE ON handoffs
  FOR EACH ROW WHEN ((OLD.created_at, OLD.priority, OLD.status, OLD.reasons, OLD.channel, OLD.campaign, OLD.intent, OLD.owner_id, OLD.team_id,
                      OLD.rule_version, OLD.accepted_at IS NULL, OLD.discard_reason, OLD.first_action_at, OLD.sla_due_at, OLD.poor_escalation_at IS NULL,
                      OLD.value_amount, OLD.value_currency, OLD.fired_rules, OLD.meeting_booked)
           IS DISTINCT FROM (NEW.created_at, NEW.priority, NEW.status, NEW.reasons, NEW.channel, NEW.campaign, NEW.intent, NEW.owner_id, NEW.team_id,
                      NEW.rule_version, NEW.accepted_at IS NULL, NEW.discard_reason, NEW.first_action_at, NEW.sla_due_at, NEW.poor_escalation_at IS NULL,
                      NEW.value_amount, NEW.value_currency, NEW.fired_rules, NEW.meeting_booked))
  EXECUTE FUNCTION metrics_rollup_handoff_changed();--> statement-breakpoint
CREATE FUNCTION metrics_rollup_related_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'handoff_events' THEN
    IF TG_OP <> 'INSERT' AND OLD.type = 'poor_escalation_flagged' THEN PERFORM metrics_rollup_refresh(OLD.handoff_id); END IF;
    IF TG_OP <> 'DELETE' AND NEW.type = 'poor_escalation_flagged' AND (TG_OP = 'INSERT' OR NEW.handoff_id IS DISTINCT FROM OLD.handoff_id OR OLD.type <> NEW.type OR NEW.data IS DISTINCT FROM OLD.data) THEN
      PERFORM metrics_rollup_refresh(NEW.handoff_id);
    END IF;
  ELSE
    IF TG_OP <> 'INSERT' THEN PERFORM metrics_rollup_refresh(OLD.handoff_id); END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.handoff_id IS DISTINCT FROM OLD.handoff_id) THEN PERFORM metrics_rollup_refresh(NEW.handoff_id); END IF;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- A timeline event matters only as a poor-escalation flag (the rule it names); a meeting as booked or not.
CREATE TRIGGER metrics_rollup_flag_events_insert AFTER INSERT ON handoff_events
  FOR EACH ROW WHEN (NEW.type = 'poor_escalation_flagged') EXECUTE FUNCTION metrics_rollup_related_changed();--> statement-breakpoint
CREATE TRIGGER metrics_rollup_flag_events_change AFTER UPDATE OR DELETE ON handoff_events
  FOR EACH ROW EXECUTE FUNCTION metrics_rollup_related_changed();--> statement-breakpoint
CREATE TRIGGER metrics_rollup_meetings AFTER INSERT OR UPDATE OR DELETE ON meetings
  FOR EACH ROW EXECUTE FUNCTION metrics_rollup_related_changed();--> statement-breakpoint
-- Every rollup from the raw rows in one pass (OFFSET 0 keeps the planner from a grouping it
-- fails to plan over the inlined functions' whole-row argument: "variable not found in subplan target list"): this migration's back-fill, and a bulk load's (the
-- bench loads with the triggers off, as a restore would, then calls this).
CREATE FUNCTION metrics_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE metrics_daily, metrics_daily_values, metrics_daily_rules, metrics_rollup_sources;
  INSERT INTO metrics_rollup_sources SELECT * FROM metrics_rollup_current;
  INSERT INTO metrics_daily (dimension, day, key, shard, created, accepted, in_follow_up, discarded, converted, meetings, actioned,
                             sla_breached_actioned, open_with_due, poor_escalations)
  SELECT r.dimension, r.day, r.key, 0, sum(r.created), sum(r.accepted), sum(r.in_follow_up), sum(r.discarded), sum(r.converted), sum(r.meetings),
         sum(r.actioned), sum(r.sla_breached_actioned), sum(r.open_with_due), sum(r.poor_escalations)
  FROM (SELECT x.* FROM metrics_rollup_sources s CROSS JOIN LATERAL metrics_rollup_daily_rows(s) x OFFSET 0) r GROUP BY r.dimension, r.day, r.key;
  INSERT INTO metrics_daily_values (dimension, day, key, shard, currency, amount, packages)
  SELECT r.dimension, r.day, r.key, 0, r.currency, sum(r.amount), sum(r.packages)
  FROM (SELECT x.* FROM metrics_rollup_sources s CROSS JOIN LATERAL metrics_rollup_value_rows(s) x OFFSET 0) r GROUP BY r.dimension, r.day, r.key, r.currency;
  INSERT INTO metrics_daily_rules (by_rule_id, day, rule, rule_version, shard, produced, accepted, converted, discarded, flagged, good, bad)
  SELECT r.by_rule_id, r.day, r.rule, r.rule_version, 0, sum(r.produced), sum(r.accepted), sum(r.converted), sum(r.discarded), sum(r.flagged),
         sum(r.good), sum(r.bad)
  FROM (SELECT x.* FROM metrics_rollup_sources s CROSS JOIN LATERAL metrics_rollup_rule_rows(s) x OFFSET 0) r GROUP BY r.by_rule_id, r.day, r.rule, r.rule_version;
END $$;--> statement-breakpoint
-- The packages not acted on whose SLA is still running: the reader takes them off the rollups'
-- open_with_due to count the overdue ones at its "now" (few rows: SLA windows are hours or days).
CREATE INDEX "handoffs_metrics_open_due_idx" ON "handoffs" USING btree ("sla_due_at") INCLUDE ("created_at")
  WHERE "first_action_at" IS NULL AND "priority" IS NOT NULL;--> statement-breakpoint
SELECT metrics_rollups_rebuild();
