CREATE TABLE `cb_recovery_codes` (
	`portal_id` text DEFAULT 'default' NOT NULL,
	`user_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`used_at` integer,
	PRIMARY KEY(`portal_id`, `user_id`, `code_hash`)
);
