DROP INDEX `cb_sessions_user_idx`;--> statement-breakpoint
CREATE INDEX `cb_sessions_user_idx` ON `cb_sessions` (`user_id`,`portal_id`);