ALTER TABLE "messages" ADD COLUMN "author_user_id" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "channel" "channel";--> statement-breakpoint
ALTER TABLE "handoffs" ADD COLUMN "first_human_contact_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Speed to lead: the first message a person writes on a package's conversation (chat or email) stamps
-- the package, so no write path can forget it.
CREATE OR REPLACE FUNCTION stamp_first_human_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE handoffs SET first_human_contact_at = NEW.sent_at
   WHERE conversation_id = NEW.conversation_id AND first_human_contact_at IS NULL;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_first_human_contact AFTER INSERT ON messages
  FOR EACH ROW WHEN (NEW.author = 'human') EXECUTE FUNCTION stamp_first_human_contact();
