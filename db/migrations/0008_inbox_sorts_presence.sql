CREATE TABLE "handoff_viewers" (
	"handoff_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handoff_viewers_handoff_id_user_id_pk" PRIMARY KEY("handoff_id","user_id")
);
--> statement-breakpoint
DROP INDEX "handoffs_tab_open_sla_idx";--> statement-breakpoint
DROP INDEX "handoffs_team_tab_open_sla_idx";--> statement-breakpoint
ALTER TABLE "handoffs" ADD COLUMN "deal_value" numeric(14, 2) GENERATED ALWAYS AS (coalesce(value_amount, case when package #>> '{salesContext,budget,amount}' ~ '^[0-9]{1,11}([.][0-9]+)?$' then (package #>> '{salesContext,budget,amount}')::numeric end)) STORED;--> statement-breakpoint
ALTER TABLE "handoffs" ADD COLUMN "deal_currency" text GENERATED ALWAYS AS (case when value_amount is not null then value_currency else package #>> '{salesContext,budget,currency}' end) STORED;--> statement-breakpoint
ALTER TABLE "handoff_viewers" ADD CONSTRAINT "handoff_viewers_handoff_id_handoffs_id_fk" FOREIGN KEY ("handoff_id") REFERENCES "public"."handoffs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_viewers" ADD CONSTRAINT "handoff_viewers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "handoffs_tab_open_value_idx" ON "handoffs" USING btree ("priority","is_open","deal_value","id");--> statement-breakpoint
CREATE INDEX "handoffs_team_tab_open_value_idx" ON "handoffs" USING btree ("team_id","priority","is_open","deal_value","id");--> statement-breakpoint
CREATE INDEX "handoffs_campaign_team_idx" ON "handoffs" USING btree ("campaign","team_id");--> statement-breakpoint
CREATE INDEX "handoffs_tab_open_sla_idx" ON "handoffs" USING btree ("priority","is_open","sla_due_at","id","created_at");--> statement-breakpoint
CREATE INDEX "handoffs_team_tab_open_sla_idx" ON "handoffs" USING btree ("team_id","priority","is_open","sla_due_at","id","created_at");