ALTER TABLE "cb_code_locks" ADD COLUMN "prev_window_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cb_code_locks" ADD COLUMN "last_try" text;--> statement-breakpoint
ALTER TABLE "cb_code_locks" ADD COLUMN "locked_by" text;--> statement-breakpoint
ALTER TABLE "cb_codes" ADD COLUMN "generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cb_rate_limits" ADD COLUMN "prev_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cb_sessions" ADD COLUMN "generation" integer DEFAULT 0 NOT NULL;