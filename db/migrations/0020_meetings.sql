CREATE TABLE "booking_deliveries" (
	"provider" text NOT NULL,
	"delivery_hash" text NOT NULL,
	"event" text NOT NULL,
	"booking_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_deliveries_provider_delivery_hash_pk" PRIMARY KEY("provider","delivery_hash")
);
--> statement-breakpoint
CREATE TABLE "booking_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text,
	"team_id" uuid,
	"url" text NOT NULL,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_links_one_owner" CHECK (("booking_links"."user_id" is null) <> ("booking_links"."team_id" is null)),
	CONSTRAINT "booking_links_https" CHECK ("booking_links"."url" like 'https://%')
);
--> statement-breakpoint
CREATE TABLE "crm_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"handoff_id" uuid,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"outcome" text NOT NULL,
	"owner_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crm_meetings_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "meeting_settings" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"default_booking_url" text,
	"email_needs_approval" boolean DEFAULT false NOT NULL,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_settings_singleton" CHECK ("meeting_settings"."singleton"),
	CONSTRAINT "meeting_settings_https" CHECK ("meeting_settings"."default_booking_url" is null or "meeting_settings"."default_booking_url" like 'https://%')
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text NOT NULL,
	"booking_id" text NOT NULL,
	"handoff_id" uuid,
	"matched_by" text,
	"status" text NOT NULL,
	"status_at" timestamp with time zone NOT NULL,
	"status_rank" integer NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"time_zone" text,
	"title" text,
	"invitee_name" text,
	"invitee_email" text,
	"organizer_name" text,
	"organizer_email" text,
	"reference" text,
	"previous_booking_id" text,
	"booked_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancellation_reason" text,
	"held_at" timestamp with time zone,
	"no_show_at" timestamp with time zone,
	"details_at" timestamp with time zone,
	"announced" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "booking_links" ADD CONSTRAINT "booking_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_links" ADD CONSTRAINT "booking_links_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_links" ADD CONSTRAINT "booking_links_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_meetings" ADD CONSTRAINT "crm_meetings_handoff_id_handoffs_id_fk" FOREIGN KEY ("handoff_id") REFERENCES "public"."handoffs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_meetings" ADD CONSTRAINT "crm_meetings_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_settings" ADD CONSTRAINT "meeting_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_handoff_id_handoffs_id_fk" FOREIGN KEY ("handoff_id") REFERENCES "public"."handoffs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "booking_links_user" ON "booking_links" USING btree ("user_id") WHERE "booking_links"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "booking_links_team" ON "booking_links" USING btree ("team_id") WHERE "booking_links"."team_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_provider_booking" ON "meetings" USING btree ("provider","booking_id");--> statement-breakpoint
CREATE INDEX "meetings_handoff" ON "meetings" USING btree ("handoff_id");--> statement-breakpoint
CREATE INDEX "meetings_unmatched" ON "meetings" USING btree ("created_at") WHERE "meetings"."handoff_id" is null;--> statement-breakpoint
CREATE INDEX "meetings_booked_at" ON "meetings" USING btree ("booked_at");