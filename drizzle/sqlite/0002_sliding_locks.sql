ALTER TABLE `cb_code_locks` ADD `prev_window_failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cb_code_locks` ADD `last_try` text;--> statement-breakpoint
ALTER TABLE `cb_code_locks` ADD `locked_by` text;--> statement-breakpoint
ALTER TABLE `cb_codes` ADD `generation` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cb_rate_limits` ADD `prev_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cb_sessions` ADD `generation` integer DEFAULT 0 NOT NULL;