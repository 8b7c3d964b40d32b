CREATE TYPE "public"."email_direction" AS ENUM('inbound', 'outbound');--> statement-breakpoint
CREATE TYPE "public"."email_kind" AS ENUM('new', 'reply', 'automated', 'bounce', 'rep', 'agent');--> statement-breakpoint
CREATE TABLE "email_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" text NOT NULL,
	"direction" "email_direction" NOT NULL,
	"kind" "email_kind" NOT NULL,
	"conversation_id" uuid,
	"message_row_id" uuid,
	"handoff_id" uuid,
	"in_reply_to" text,
	"references" text[] DEFAULT '{}'::text[] NOT NULL,
	"from_name" text,
	"from_address" text NOT NULL,
	"to_addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"quoted" text DEFAULT '' NOT NULL,
	"body" text,
	"delivery_status" text DEFAULT 'received' NOT NULL,
	"delivery_error" text,
	"raw_size" integer DEFAULT 0 NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"detail" text,
	"source" text NOT NULL,
	"author_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_quarantine" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"source_ref" text NOT NULL,
	"message_id" text,
	"from_address" text,
	"subject" text,
	"reason" text NOT NULL,
	"raw_size" integer DEFAULT 0 NOT NULL,
	"head" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_threads" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"handoff_id" uuid,
	"reply_token" text NOT NULL,
	"lead_address" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"undeliverable_at" timestamp with time zone,
	"undeliverable_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_threads_replyToken_unique" UNIQUE("reply_token")
);
--> statement-breakpoint
CREATE TABLE "mailbox_cursors" (
	"mailbox" text PRIMARY KEY NOT NULL,
	"uid_validity" bigint NOT NULL,
	"last_uid" bigint DEFAULT 0 NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "undeliverable_addresses" (
	"address" text PRIMARY KEY NOT NULL,
	"status" text,
	"diagnostic" text,
	"bounced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_message_row_id_messages_id_fk" FOREIGN KEY ("message_row_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_handoff_id_handoffs_id_fk" FOREIGN KEY ("handoff_id") REFERENCES "public"."handoffs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_threads" ADD CONSTRAINT "email_threads_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_threads" ADD CONSTRAINT "email_threads_handoff_id_handoffs_id_fk" FOREIGN KEY ("handoff_id") REFERENCES "public"."handoffs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_messages_message_id_key" ON "email_messages" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "email_messages_conversation_idx" ON "email_messages" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "email_messages_outbound_to_idx" ON "email_messages" USING btree ("kind","created_at") WHERE "email_messages"."direction" = 'outbound';--> statement-breakpoint
CREATE UNIQUE INDEX "email_quarantine_source_ref_key" ON "email_quarantine" USING btree ("source","source_ref");--> statement-breakpoint
CREATE INDEX "email_quarantine_created_idx" ON "email_quarantine" USING btree ("created_at");--> statement-breakpoint
-- hand-written: the dashboard's covering index (0005) gains first_human_contact_at, so time to first
-- human contact is read from the index alone like every other figure.
DROP INDEX IF EXISTS "handoffs_metrics_idx";--> statement-breakpoint
CREATE INDEX "handoffs_metrics_idx" ON "handoffs" USING btree ("created_at") INCLUDE (
  "priority", "status", "accepted_at", "first_action_at", "first_human_contact_at", "sla_due_at", "poor_escalation_at", "meeting_booked",
  "value_amount", "value_currency", "owner_id", "team_id", "channel", "intent", "campaign", "rule_version",
  "discard_reason", "reasons", "fired_rules", "id"
);
