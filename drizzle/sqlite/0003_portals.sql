-- Foreign keys are checked at commit: the tables are rebuilt one after another, parents first.
PRAGMA defer_foreign_keys = ON;--> statement-breakpoint
CREATE TABLE `cb_portals` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text,
	`logo_url` text,
	`accent` text,
	`sms_name` text,
	`sms_from` text,
	`sms_messaging_service_sid` text,
	`sms_locale` text DEFAULT 'en' NOT NULL,
	`webotp_domain` text,
	`allowed_countries` text,
	`daily_sms_budget` integer,
	`policies` text,
	`enabled` integer DEFAULT false NOT NULL,
	`allow_opt_out` integer DEFAULT false NOT NULL,
	`generation` integer DEFAULT 0 NOT NULL,
	`updated_at` integer,
	`updated_by` text,
	`created_at` integer DEFAULT 0 NOT NULL
);--> statement-breakpoint
CREATE TABLE `__new_cb_organizations` (
	`portal_id` text DEFAULT 'default' NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`two_factor_policy` text DEFAULT 'inherit' NOT NULL,
	PRIMARY KEY(`portal_id`, `id`)
);--> statement-breakpoint
INSERT INTO `__new_cb_organizations`("portal_id", "id", "name", "two_factor_policy") SELECT 'default', "id", "name", 'inherit' FROM `cb_organizations`;--> statement-breakpoint
-- The accounts go first, so that dropping the organizations finds no row that refers to one:
-- the implicit DELETE of a parent's DROP TABLE would count every such row as a deferred
-- foreign-key violation that no later statement takes back.
CREATE TABLE `__old_cb_accounts` AS SELECT * FROM `cb_accounts`;--> statement-breakpoint
DROP TABLE `cb_accounts`;--> statement-breakpoint
DROP TABLE `cb_organizations`;--> statement-breakpoint
ALTER TABLE `__new_cb_organizations` RENAME TO `cb_organizations`;--> statement-breakpoint
CREATE TABLE `__new_cb_accounts` (
	`portal_id` text DEFAULT 'default' NOT NULL,
	`id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`organization_id` text,
	`role` text NOT NULL,
	`master_admin` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`portal_id`, `id`),
	FOREIGN KEY (`portal_id`,`organization_id`) REFERENCES `cb_organizations`(`portal_id`,`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO `__new_cb_accounts`("portal_id", "id", "email", "name", "password_hash", "organization_id", "role", "master_admin") SELECT 'default', "id", "email", "name", "password_hash", "organization_id", "role", "master_admin" FROM `__old_cb_accounts`;--> statement-breakpoint
DROP TABLE `__old_cb_accounts`;--> statement-breakpoint
ALTER TABLE `__new_cb_accounts` RENAME TO `cb_accounts`;--> statement-breakpoint
CREATE UNIQUE INDEX `cb_accounts_email_idx` ON `cb_accounts` (`portal_id`,`email`);--> statement-breakpoint
CREATE INDEX `cb_accounts_organization_idx` ON `cb_accounts` (`portal_id`,`organization_id`);--> statement-breakpoint
DROP INDEX `cb_audit_subject_idx`;--> statement-breakpoint
DROP INDEX `cb_audit_at_idx`;--> statement-breakpoint
ALTER TABLE `cb_audit_events` ADD `portal_id` text DEFAULT 'default' NOT NULL;--> statement-breakpoint
CREATE INDEX `cb_audit_subject_idx` ON `cb_audit_events` (`portal_id`,`subject_id`,`at`);--> statement-breakpoint
CREATE INDEX `cb_audit_at_idx` ON `cb_audit_events` (`portal_id`,`at`);--> statement-breakpoint
CREATE TABLE `__new_cb_codes` (
	`portal_id` text DEFAULT 'default' NOT NULL,
	`session_id_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`phone` text NOT NULL,
	`code_hash` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`sent_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`consumed_at` integer,
	`generation` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`portal_id`, `session_id_hash`)
);--> statement-breakpoint
INSERT INTO `__new_cb_codes`("portal_id", "session_id_hash", "user_id", "purpose", "phone", "code_hash", "attempts", "sent_at", "expires_at", "consumed_at", "generation") SELECT 'default', "session_id_hash", "user_id", "purpose", "phone", "code_hash", "attempts", "sent_at", "expires_at", "consumed_at", "generation" FROM `cb_codes`;--> statement-breakpoint
DROP TABLE `cb_codes`;--> statement-breakpoint
ALTER TABLE `__new_cb_codes` RENAME TO `cb_codes`;--> statement-breakpoint
CREATE INDEX `cb_codes_user_idx` ON `cb_codes` (`portal_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `__new_cb_sessions` (
	`portal_id` text DEFAULT 'default' NOT NULL,
	`id_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`step` text,
	`amr` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`ip` text NOT NULL,
	`generation` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`portal_id`, `id_hash`)
);--> statement-breakpoint
INSERT INTO `__new_cb_sessions`("portal_id", "id_hash", "user_id", "status", "step", "amr", "created_at", "expires_at", "last_seen_at", "ip", "generation") SELECT 'default', "id_hash", "user_id", "status", "step", "amr", "created_at", "expires_at", "last_seen_at", "ip", "generation" FROM `cb_sessions`;--> statement-breakpoint
DROP TABLE `cb_sessions`;--> statement-breakpoint
ALTER TABLE `__new_cb_sessions` RENAME TO `cb_sessions`;--> statement-breakpoint
CREATE INDEX `cb_sessions_user_idx` ON `cb_sessions` (`portal_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `cb_sessions_expires_idx` ON `cb_sessions` (`expires_at`);--> statement-breakpoint
DROP INDEX `cb_sms_deliveries_user_idx`;--> statement-breakpoint
ALTER TABLE `cb_sms_deliveries` ADD `portal_id` text DEFAULT 'default' NOT NULL;--> statement-breakpoint
CREATE INDEX `cb_sms_deliveries_user_idx` ON `cb_sms_deliveries` (`portal_id`,`user_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `__new_cb_code_locks` (
	`portal_id` text DEFAULT 'default' NOT NULL,
	`user_id` text NOT NULL,
	`window_started_at` integer NOT NULL,
	`window_failures` integer NOT NULL,
	`prev_window_failures` integer DEFAULT 0 NOT NULL,
	`consecutive_failures` integer NOT NULL,
	`locked_until` integer,
	`hard_locked` integer DEFAULT false NOT NULL,
	`last_try` text,
	`locked_by` text,
	PRIMARY KEY(`portal_id`, `user_id`)
);--> statement-breakpoint
INSERT INTO `__new_cb_code_locks`("portal_id", "user_id", "window_started_at", "window_failures", "prev_window_failures", "consecutive_failures", "locked_until", "hard_locked", "last_try", "locked_by") SELECT 'default', "user_id", "window_started_at", "window_failures", "prev_window_failures", "consecutive_failures", "locked_until", "hard_locked", "last_try", "locked_by" FROM `cb_code_locks`;--> statement-breakpoint
DROP TABLE `cb_code_locks`;--> statement-breakpoint
ALTER TABLE `__new_cb_code_locks` RENAME TO `cb_code_locks`;--> statement-breakpoint
CREATE TABLE `__new_cb_enrollments` (
	`portal_id` text DEFAULT 'default' NOT NULL,
	`user_id` text NOT NULL,
	`phone` text NOT NULL,
	`generation` integer NOT NULL,
	`enrolled_at` integer NOT NULL,
	PRIMARY KEY(`portal_id`, `user_id`)
);--> statement-breakpoint
INSERT INTO `__new_cb_enrollments`("portal_id", "user_id", "phone", "generation", "enrolled_at") SELECT 'default', "user_id", "phone", "generation", "enrolled_at" FROM `cb_enrollments`;--> statement-breakpoint
DROP TABLE `cb_enrollments`;--> statement-breakpoint
ALTER TABLE `__new_cb_enrollments` RENAME TO `cb_enrollments`;--> statement-breakpoint
CREATE TABLE `__new_cb_skips` (
	`portal_id` text DEFAULT 'default' NOT NULL,
	`user_id` text NOT NULL,
	`generation` integer NOT NULL,
	`skipped_at` integer NOT NULL,
	PRIMARY KEY(`portal_id`, `user_id`)
);--> statement-breakpoint
INSERT INTO `__new_cb_skips`("portal_id", "user_id", "generation", "skipped_at") SELECT 'default', "user_id", "generation", "skipped_at" FROM `cb_skips`;--> statement-breakpoint
DROP TABLE `cb_skips`;--> statement-breakpoint
ALTER TABLE `__new_cb_skips` RENAME TO `cb_skips`;--> statement-breakpoint
-- The single-portal release's settings become the portal `default`, with its generation, so
-- every enrollment and skip of that generation still counts.
INSERT INTO `cb_portals` (`id`, `enabled`, `allow_opt_out`, `generation`, `updated_at`, `updated_by`, `created_at`)
SELECT 'default', `enabled`, `allow_opt_out`, `generation`, `updated_at`, `updated_by`, COALESCE(`updated_at`, 0) FROM `cb_settings` WHERE `id` = 1
