CREATE TABLE "queue_stalls" (
	"queue" text PRIMARY KEY NOT NULL,
	"stalled_since" timestamp with time zone DEFAULT now() NOT NULL,
	"oldest_job_id" text,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"alerted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "worker_heartbeats" (
	"id" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"pid" integer NOT NULL,
	"queues" jsonb NOT NULL,
	"capacity" jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"beat_at" timestamp with time zone DEFAULT now() NOT NULL
);
