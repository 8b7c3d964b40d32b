CREATE TABLE "chat_widget_settings" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"allowed_origins" text[] NOT NULL,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_widget_settings_singleton" CHECK ("chat_widget_settings"."singleton")
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "lead_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "chat_widget_settings" ADD CONSTRAINT "chat_widget_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;