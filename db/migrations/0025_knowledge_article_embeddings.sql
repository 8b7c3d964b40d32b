CREATE TABLE "knowledge_article_embeddings" (
	"article_id" uuid NOT NULL,
	"model" text NOT NULL,
	"article_version" integer NOT NULL,
	"dimensions" integer NOT NULL,
	"embedding" real[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_article_embeddings_article_id_model_pk" PRIMARY KEY("article_id","model"),
	CONSTRAINT "knowledge_article_embeddings_dimensions_check" CHECK ("knowledge_article_embeddings"."dimensions" > 0 and cardinality("knowledge_article_embeddings"."embedding") = "knowledge_article_embeddings"."dimensions")
);
--> statement-breakpoint
ALTER TABLE "knowledge_article_embeddings" ADD CONSTRAINT "knowledge_article_embeddings_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;