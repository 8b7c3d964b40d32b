CREATE TYPE "public"."correction_kind" AS ENUM('confirm', 'correct', 'answer');--> statement-breakpoint
CREATE TABLE "package_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"handoff_id" uuid NOT NULL,
	"actor_id" text,
	"kind" "correction_kind" NOT NULL,
	"field" text NOT NULL,
	"before" text,
	"after" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "handoffs" ADD COLUMN "snoozed_until" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "handoffs" ADD COLUMN "handed_back_from" jsonb;--> statement-breakpoint
ALTER TABLE "handoffs" ADD COLUMN "info_request" jsonb;--> statement-breakpoint
ALTER TABLE "package_corrections" ADD CONSTRAINT "package_corrections_handoff_id_handoffs_id_fk" FOREIGN KEY ("handoff_id") REFERENCES "public"."handoffs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_corrections" ADD CONSTRAINT "package_corrections_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "package_corrections_handoff_idx" ON "package_corrections" USING btree ("handoff_id");--> statement-breakpoint
CREATE INDEX "package_corrections_created_idx" ON "package_corrections" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "handoffs_snoozed_idx" ON "handoffs" USING btree ("snoozed_until") WHERE "handoffs"."snoozed_until" is not null;