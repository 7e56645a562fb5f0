CREATE TABLE `cb_reset_requests` (
	`portal_id` text DEFAULT 'default' NOT NULL,
	`user_id` text NOT NULL,
	`requested_at` integer NOT NULL,
	`ip` text,
	PRIMARY KEY(`portal_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `cb_trusted_devices` (
	`portal_id` text DEFAULT 'default' NOT NULL,
	`id_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`phone` text NOT NULL,
	`generation` integer NOT NULL,
	`label` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`portal_id`, `id_hash`)
);
--> statement-breakpoint
CREATE INDEX `cb_trusted_devices_user_idx` ON `cb_trusted_devices` (`portal_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `cb_trusted_devices_expires_idx` ON `cb_trusted_devices` (`expires_at`);