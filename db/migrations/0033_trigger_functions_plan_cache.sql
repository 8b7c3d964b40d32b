-- The trigger functions plan their statements the way Postgres does by default (a generic plan after
-- a few runs), whatever the session says. The app's pool runs with plan_cache_mode =
-- force_custom_plan (db/index.ts) so its own prepared statements are planned for their parameters,
-- and a session setting reaches the statements inside PL/pgSQL too: every rollup refresh at commit
-- was planned again, statement by statement (an intake's commit: 3.4 ms at the median, 2.5 ms with
-- this; its p95 6.1 ms, 4.1 ms). Their statements look rows up by key, where a generic plan is the
-- same plan. A CREATE OR REPLACE of one of these functions drops the setting: repeat it there
-- (test/integration/prepared-statements.int.test.ts checks every trigger function has it). The
-- functions they call (metrics_rollup_refresh and what it calls) run under the caller's setting.
ALTER FUNCTION metrics_rollup_handoff_changed() SET plan_cache_mode = auto;--> statement-breakpoint
ALTER FUNCTION metrics_rollup_related_changed() SET plan_cache_mode = auto;--> statement-breakpoint
ALTER FUNCTION handoffs_track_open_immediate() SET plan_cache_mode = auto;--> statement-breakpoint
ALTER FUNCTION handoff_events_track_metrics() SET plan_cache_mode = auto;--> statement-breakpoint
ALTER FUNCTION stamp_first_human_contact() SET plan_cache_mode = auto;--> statement-breakpoint
ALTER FUNCTION announce_chat_message() SET plan_cache_mode = auto;--> statement-breakpoint
ALTER FUNCTION rule_set_versions_immutable() SET plan_cache_mode = auto;
