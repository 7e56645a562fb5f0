CREATE TABLE `cb_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`organization_id` text,
	`role` text NOT NULL,
	`master_admin` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `cb_organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cb_accounts_email_unique` ON `cb_accounts` (`email`);--> statement-breakpoint
CREATE INDEX `cb_accounts_organization_idx` ON `cb_accounts` (`organization_id`);--> statement-breakpoint
CREATE TABLE `cb_audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`type` text NOT NULL,
	`actor_id` text,
	`subject_id` text,
	`ip` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `cb_audit_subject_idx` ON `cb_audit_events` (`subject_id`,`at`);--> statement-breakpoint
CREATE INDEX `cb_audit_at_idx` ON `cb_audit_events` (`at`);--> statement-breakpoint
CREATE TABLE `cb_code_locks` (
	`user_id` text PRIMARY KEY NOT NULL,
	`window_started_at` integer NOT NULL,
	`window_failures` integer NOT NULL,
	`consecutive_failures` integer NOT NULL,
	`locked_until` integer,
	`hard_locked` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cb_codes` (
	`session_id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`phone` text NOT NULL,
	`code_hash` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`sent_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`consumed_at` integer
);
--> statement-breakpoint
CREATE INDEX `cb_codes_user_idx` ON `cb_codes` (`user_id`);--> statement-breakpoint
CREATE TABLE `cb_enrollments` (
	`user_id` text PRIMARY KEY NOT NULL,
	`phone` text NOT NULL,
	`generation` integer NOT NULL,
	`enrolled_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cb_organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cb_rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_started_at` integer NOT NULL,
	`window_ms` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cb_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`step` text,
	`amr` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`ip` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cb_sessions_user_idx` ON `cb_sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `cb_sessions_expires_idx` ON `cb_sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `cb_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`allow_opt_out` integer DEFAULT false NOT NULL,
	`generation` integer DEFAULT 0 NOT NULL,
	`updated_at` integer,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `cb_skips` (
	`user_id` text PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL,
	`skipped_at` integer NOT NULL
);
