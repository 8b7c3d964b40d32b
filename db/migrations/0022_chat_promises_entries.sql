CREATE TABLE "chat_promises" (
	"handoff_id" uuid PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"promised_by" timestamp with time zone NOT NULL,
	"made_at" timestamp with time zone DEFAULT now() NOT NULL,
	"apologised_at" timestamp with time zone,
	"renewed_by" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "chat_entries" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"source" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chat_promises" ADD CONSTRAINT "chat_promises_handoff_id_handoffs_id_fk" FOREIGN KEY ("handoff_id") REFERENCES "public"."handoffs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_promises" ADD CONSTRAINT "chat_promises_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_entries" ADD CONSTRAINT "chat_entries_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_promises_open_idx" ON "chat_promises" USING btree ("promised_by") WHERE "chat_promises"."apologised_at" is null;