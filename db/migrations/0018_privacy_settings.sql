CREATE TABLE "privacy_settings" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"retention_days" integer DEFAULT 365 NOT NULL,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_settings_singleton" CHECK ("privacy_settings"."singleton"),
	CONSTRAINT "privacy_settings_retention_days" CHECK ("privacy_settings"."retention_days" between 1 and 3650)
);
--> statement-breakpoint
ALTER TABLE "privacy_settings" ADD CONSTRAINT "privacy_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;