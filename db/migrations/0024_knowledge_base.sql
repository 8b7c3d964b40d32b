CREATE TABLE "knowledge_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid,
	"conversation_id" uuid,
	"handoff_id" uuid,
	"question" text NOT NULL,
	"language" text NOT NULL,
	"outcome" text NOT NULL,
	"topic" text,
	"article_id" uuid,
	"article_version" integer,
	"article_title" text,
	"confidence" real NOT NULL,
	"marked_wrong_at" timestamp with time zone,
	"marked_wrong_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_answers_outcome_check" CHECK ("knowledge_answers"."outcome" in ('answered', 'never_answer', 'no_confident_answer'))
);
--> statement-breakpoint
CREATE TABLE "knowledge_article_versions" (
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"tags" text[] NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	CONSTRAINT "knowledge_article_versions_article_id_version_pk" PRIMARY KEY("article_id","version")
);
--> statement-breakpoint
CREATE TABLE "knowledge_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"search_text" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (case when language = 'es' then to_tsvector('spanish'::regconfig, search_text) else to_tsvector('english'::regconfig, search_text) end) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "knowledge_articles_language_check" CHECK ("knowledge_articles"."language" in ('en', 'es')),
	CONSTRAINT "knowledge_articles_status_check" CHECK ("knowledge_articles"."status" in ('draft', 'published'))
);
--> statement-breakpoint
CREATE TABLE "knowledge_seeds" (
	"name" text PRIMARY KEY NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"never_answer" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "knowledge_settings_one_row" CHECK ("knowledge_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "knowledge_answers" ADD CONSTRAINT "knowledge_answers_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_answers" ADD CONSTRAINT "knowledge_answers_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_answers" ADD CONSTRAINT "knowledge_answers_handoff_id_handoffs_id_fk" FOREIGN KEY ("handoff_id") REFERENCES "public"."handoffs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_answers" ADD CONSTRAINT "knowledge_answers_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_answers" ADD CONSTRAINT "knowledge_answers_marked_wrong_by_users_id_fk" FOREIGN KEY ("marked_wrong_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_article_versions" ADD CONSTRAINT "knowledge_article_versions_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_article_versions" ADD CONSTRAINT "knowledge_article_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_settings" ADD CONSTRAINT "knowledge_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_answers_message_idx" ON "knowledge_answers" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "knowledge_answers_conversation_idx" ON "knowledge_answers" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "knowledge_answers_article_idx" ON "knowledge_answers" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "knowledge_answers_outcome_idx" ON "knowledge_answers" USING btree ("outcome","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_articles_key_language_idx" ON "knowledge_articles" USING btree ("key","language");--> statement-breakpoint
CREATE INDEX "knowledge_articles_published_idx" ON "knowledge_articles" USING btree ("language","status");--> statement-breakpoint
CREATE INDEX "knowledge_articles_search_idx" ON "knowledge_articles" USING gin ("search");