CREATE TABLE "report_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report" text NOT NULL,
	"period" text NOT NULL,
	"channel" "notification_channel" NOT NULL,
	"recipient_id" text NOT NULL,
	"status" "delivery_status" DEFAULT 'sending' NOT NULL,
	"target" text,
	"provider_ref" text,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "report_deliveries" ADD CONSTRAINT "report_deliveries_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_deliveries_key" ON "report_deliveries" USING btree ("report","period","channel","recipient_id");