CREATE TABLE "metrics_duration_prefix" (
	"dimension" text NOT NULL,
	"kind" smallint NOT NULL,
	"key" text NOT NULL,
	"day" date NOT NULL,
	"counts" integer[] NOT NULL,
	CONSTRAINT "metrics_duration_prefix_series_day" UNIQUE("dimension","kind","key","day")
);
--> statement-breakpoint
ALTER TABLE "metrics_rollup_sources" ADD COLUMN "first_human_contact_at" timestamp with time zone;--> statement-breakpoint
-- hand-written: time to first action and to first human contact as cumulative log histograms, kept
-- exact by the rollup triggers (see ARCHITECTURE.md, "Metrics rollups"). Exact percentiles need every
-- duration of the range (a year is a million of them); a histogram per series and day, cumulative
-- over days, answers any range with two rows per slice and gives each percentile to within 2%.
-- The bucket of a duration in seconds: 0 under a second, i >= 1 for [1.02^(i-1), 1.02^i), the last
-- (1106, from about a hundred years: a package acted on long after an import) open-ended. lib/metrics/duration-histogram.ts reads the same buckets.
CREATE FUNCTION metrics_duration_bucket(seconds double precision) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN seconds < 1 THEN 0 ELSE least(1106, 1 + floor(ln(seconds) / ln(1.02))::int) END
$$;--> statement-breakpoint
CREATE OR REPLACE VIEW "metrics_rollup_current" AS
SELECT h.id AS handoff_id, h.created_at, (hashtext(h.id::text) & 3)::smallint AS shard, h.priority::text AS priority,
       h.status::text AS status, h.reasons, h.channel::text AS channel, h.campaign, h.intent, h.owner_id, h.team_id::text AS team_id,
       h.rule_version, h.accepted_at IS NOT NULL AS accepted, h.discard_reason, h.first_action_at, h.sla_due_at,
       h.poor_escalation_at IS NOT NULL AS poor_escalated, h.value_amount::numeric AS value_amount, h.value_currency, h.fired_rules,
       h.meeting_booked OR EXISTS (SELECT 1 FROM meetings m WHERE m.handoff_id = h.id AND m.booked_at IS NOT NULL) AS has_meeting,
       coalesce((SELECT array_agg(DISTINCT e.data->>'rule' ORDER BY e.data->>'rule') FROM handoff_events e
                 WHERE e.handoff_id = h.id AND e.type = 'poor_escalation_flagged' AND e.data->>'rule' IS NOT NULL), '{}') AS flagged_rules,
       h.first_human_contact_at
FROM handoffs h;--> statement-breakpoint
-- A package's durations per breakdown slice ("all" included; n as a repeated reason counts): the
-- escalated packages only, as the dashboard's percentiles are.
CREATE FUNCTION metrics_rollup_duration_rows(s metrics_rollup_sources)
RETURNS TABLE (dimension text, kind smallint, key text, day date, bucket int, n int) LANGUAGE sql STABLE AS $$
  SELECT sl.dimension, d.kind, coalesce(sl.key, ''), (s.created_at AT TIME ZONE 'UTC')::date, metrics_duration_bucket(d.seconds), sl.n
  FROM (SELECT * FROM metrics_rollup_slices(s) OFFSET 0) AS sl
  CROSS JOIN (VALUES (1::smallint, extract(epoch FROM s.first_action_at - s.created_at)::double precision),
                     (2::smallint, extract(epoch FROM s.first_human_contact_at - s.created_at)::double precision)) AS d(kind, seconds)
  WHERE d.seconds IS NOT NULL
$$;--> statement-breakpoint
-- What changed between a package's last contribution and its present one, applied to the cumulative
-- rows of each series from the package's day on. A day's row is created by copying the series'
-- latest earlier row, under the series' advisory lock held exclusively, while every other change to
-- the series holds it shared: an update in flight cannot miss a row being created, and changes to
-- existing rows never wait on each other. Series in one order in every transaction.
CREATE FUNCTION metrics_duration_apply(previous metrics_rollup_sources, present metrics_rollup_sources) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  change record;
  series text := NULL;
BEGIN
  FOR change IN
    SELECT m.dimension, m.kind, m.key, m.day, m.bucket, m.n, m.missing,
           bool_or(m.missing) OVER (PARTITION BY m.dimension, m.kind, m.key) AS series_missing
    FROM (
    SELECT c.dimension, c.kind, c.key, c.day, c.bucket, c.n,
           NOT EXISTS (SELECT 1 FROM metrics_duration_prefix p WHERE p.dimension = c.dimension AND p.kind = c.kind AND p.key = c.key AND p.day = c.day) AS missing
    FROM (
      SELECT x.dimension, x.kind, x.key, x.day, x.bucket, sum(x.n)::int AS n
      FROM (
        SELECT r.dimension, r.kind, r.key, r.day, r.bucket, r.n FROM metrics_rollup_duration_rows(present) r WHERE present.handoff_id IS NOT NULL
        UNION ALL
        SELECT r.dimension, r.kind, r.key, r.day, r.bucket, -r.n FROM metrics_rollup_duration_rows(previous) r WHERE previous.handoff_id IS NOT NULL
      ) x
      GROUP BY 1, 2, 3, 4, 5
      HAVING sum(x.n) <> 0
    ) c
    ) m
    ORDER BY m.dimension, m.kind, m.key, m.day
  LOOP
    IF series IS DISTINCT FROM change.dimension || '/' || change.kind || '/' || change.key THEN
      series := change.dimension || '/' || change.kind || '/' || change.key;
      IF change.series_missing THEN PERFORM pg_advisory_xact_lock(hashtextextended('metrics_duration:' || series, 0));
      ELSE PERFORM pg_advisory_xact_lock_shared(hashtextextended('metrics_duration:' || series, 0));
      END IF;
    END IF;
    IF change.missing THEN
      INSERT INTO metrics_duration_prefix (dimension, kind, key, day, counts)
      SELECT change.dimension, change.kind, change.key, change.day,
             coalesce((SELECT p.counts FROM metrics_duration_prefix p
                       WHERE p.dimension = change.dimension AND p.kind = change.kind AND p.key = change.key AND p.day < change.day
                       ORDER BY p.day DESC LIMIT 1), array_fill(0, ARRAY[1107]))
      ON CONFLICT ON CONSTRAINT metrics_duration_prefix_series_day DO NOTHING;
    END IF;
    UPDATE metrics_duration_prefix p SET counts[change.bucket + 1] = p.counts[change.bucket + 1] + change.n
    WHERE p.dimension = change.dimension AND p.kind = change.kind AND p.key = change.key AND p.day >= change.day;
  END LOOP;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION metrics_rollup_refresh(target uuid) RETURNS void LANGUAGE plpgsql AS $$
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
      PERFORM metrics_duration_apply(previous, NULL);
      DELETE FROM metrics_rollup_sources WHERE handoff_id = target;
    END IF;
    RETURN;
  END IF;
  IF had_previous AND previous IS NOT DISTINCT FROM present THEN RETURN; END IF;
  IF had_previous THEN PERFORM metrics_rollup_apply(previous, -1); END IF;
  PERFORM metrics_rollup_apply(present, 1);
  PERFORM metrics_duration_apply(CASE WHEN had_previous THEN previous END, present);
  INSERT INTO metrics_rollup_sources SELECT (present).*
  ON CONFLICT (handoff_id) DO UPDATE SET
    created_at = excluded.created_at, shard = excluded.shard, priority = excluded.priority, status = excluded.status, reasons = excluded.reasons,
    channel = excluded.channel, campaign = excluded.campaign, intent = excluded.intent, owner_id = excluded.owner_id, team_id = excluded.team_id,
    rule_version = excluded.rule_version, accepted = excluded.accepted, discard_reason = excluded.discard_reason,
    first_action_at = excluded.first_action_at, sla_due_at = excluded.sla_due_at, poor_escalated = excluded.poor_escalated,
    value_amount = excluded.value_amount, value_currency = excluded.value_currency, fired_rules = excluded.fired_rules,
    has_meeting = excluded.has_meeting, flagged_rules = excluded.flagged_rules, first_human_contact_at = excluded.first_human_contact_at;
END $$;--> statement-breakpoint
DROP TRIGGER metrics_rollup_handoffs_update ON handoffs;--> statement-breakpoint
-- Only a change to what the rollups count refreshes them: most updates (the package, its version, a snooze) do not.
CREATE TRIGGER metrics_rollup_handoffs_update AFTER UPDATE ON handoffs
  FOR EACH ROW WHEN ((OLD.created_at, OLD.priority, OLD.status, OLD.reasons, OLD.channel, OLD.campaign, OLD.intent, OLD.owner_id, OLD.team_id,
                      OLD.rule_version, OLD.accepted_at IS NULL, OLD.discard_reason, OLD.first_action_at, OLD.sla_due_at, OLD.poor_escalation_at IS NULL,
                      OLD.value_amount, OLD.value_currency, OLD.fired_rules, OLD.meeting_booked, OLD.first_human_contact_at)
           IS DISTINCT FROM (NEW.created_at, NEW.priority, NEW.status, NEW.reasons, NEW.channel, NEW.campaign, NEW.intent, NEW.owner_id, NEW.team_id,
                      NEW.rule_version, NEW.accepted_at IS NULL, NEW.discard_reason, NEW.first_action_at, NEW.sla_due_at, NEW.poor_escalation_at IS NULL,
                      NEW.value_amount, NEW.value_currency, NEW.fired_rules, NEW.meeting_booked, NEW.first_human_contact_at))
  EXECUTE FUNCTION metrics_rollup_handoff_changed();--> statement-breakpoint
-- The cumulative rows from the raw rows in one pass per series: each day's counts added to the
-- series' running histogram, one row written per day that has any.
CREATE FUNCTION metrics_duration_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d record;
  series text := NULL;
  running int[];
BEGIN
  TRUNCATE metrics_duration_prefix;
  FOR d IN
    SELECT x.dimension, x.kind, x.key, x.day, array_agg(x.bucket) AS buckets, array_agg(x.n) AS counts
    FROM (
      SELECT r.dimension, r.kind, r.key, r.day, r.bucket, sum(r.n)::int AS n
      FROM (SELECT y.* FROM metrics_rollup_sources s CROSS JOIN LATERAL metrics_rollup_duration_rows(s) y OFFSET 0) r
      GROUP BY 1, 2, 3, 4, 5
    ) x
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
  LOOP
    IF series IS DISTINCT FROM d.dimension || '/' || d.kind || '/' || d.key THEN
      series := d.dimension || '/' || d.kind || '/' || d.key;
      running := array_fill(0, ARRAY[1107]);
    END IF;
    FOR i IN 1 .. array_length(d.buckets, 1) LOOP
      running[d.buckets[i] + 1] := running[d.buckets[i] + 1] + d.counts[i];
    END LOOP;
    INSERT INTO metrics_duration_prefix (dimension, kind, key, day, counts) VALUES (d.dimension, d.kind, d.key, d.day, running);
  END LOOP;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION metrics_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
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
  PERFORM metrics_duration_rebuild();
END $$;--> statement-breakpoint
SELECT metrics_rollups_rebuild();
