CREATE TYPE "public"."sla_stage" AS ENUM('running', 'reminded', 'closed', 'stopped');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('sending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."notification_channel" AS ENUM('slack', 'email', 'in_app');--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"match" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"target" jsonb NOT NULL,
	"respect_capacity" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handoff_sla_clocks" (
	"handoff_id" uuid PRIMARY KEY NOT NULL,
	"cycle" integer DEFAULT 1 NOT NULL,
	"stage" "sla_stage" DEFAULT 'running' NOT NULL,
	"owner_id" text,
	"started_at" timestamp (3) with time zone NOT NULL,
	"remind_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"next_at" timestamp (3) with time zone NOT NULL,
	"breaches" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"priority" "handoff_priority" PRIMARY KEY NOT NULL,
	"minutes" integer NOT NULL,
	"max_breaches" integer DEFAULT 2 NOT NULL,
	"reassign_on_breach" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"handoff_id" uuid NOT NULL,
	"event" text NOT NULL,
	"channel" "notification_channel" NOT NULL,
	"recipient_id" text NOT NULL,
	"status" "delivery_status" DEFAULT 'sending' NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"target" text,
	"subject" text,
	"provider_ref" text,
	"last_error" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"slack" boolean DEFAULT true NOT NULL,
	"email" boolean DEFAULT true NOT NULL,
	"in_app" boolean DEFAULT true NOT NULL,
	"slack_target" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"handoff_id" uuid,
	"event" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "slack_channel" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_assigned_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "handoff_sla_clocks" ADD CONSTRAINT "handoff_sla_clocks_handoff_id_handoffs_id_fk" FOREIGN KEY ("handoff_id") REFERENCES "public"."handoffs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_sla_clocks" ADD CONSTRAINT "handoff_sla_clocks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_handoff_id_handoffs_id_fk" FOREIGN KEY ("handoff_id") REFERENCES "public"."handoffs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_handoff_id_handoffs_id_fk" FOREIGN KEY ("handoff_id") REFERENCES "public"."handoffs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "routing_rules_position_idx" ON "routing_rules" USING btree ("position") WHERE "routing_rules"."enabled";--> statement-breakpoint
CREATE INDEX "handoff_sla_clocks_due_idx" ON "handoff_sla_clocks" USING btree ("next_at") WHERE "handoff_sla_clocks"."stage" in ('running', 'reminded');--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_key" ON "deliveries" USING btree ("handoff_id","event","channel","recipient_id");--> statement-breakpoint
CREATE INDEX "deliveries_created_idx" ON "deliveries" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
-- hand-written: the shipped SLA policies and routing rules (admins edit both later).
INSERT INTO "sla_policies" ("priority", "minutes", "max_breaches", "reassign_on_breach") VALUES
  ('immediate', 15, 2, true),
  ('normal', 240, 2, true),
  ('nurture', 4320, 2, false)
ON CONFLICT ("priority") DO NOTHING;--> statement-breakpoint
INSERT INTO "routing_rules" ("position", "name", "match", "target", "respect_capacity") VALUES
  (100, 'Risk goes to a manager', '{"reasons":["risk"]}', '{"kind":"manager","teamId":null}', false),
  (900, 'Round-robin among the team''s reps', '{"priorities":["immediate","normal"]}', '{"kind":"round_robin","teamId":null}', true),
  (1000, 'Everything else: the team''s queue', '{}', '{"kind":"queue","teamId":null}', false);
