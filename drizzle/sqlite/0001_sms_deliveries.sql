CREATE TABLE `cb_sms_deliveries` (
	`message_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`session_id_hash` text,
	`status` text NOT NULL,
	`rank` integer NOT NULL,
	`error_code` integer,
	`sent_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cb_sms_deliveries_user_idx` ON `cb_sms_deliveries` (`user_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `cb_sms_deliveries_session_idx` ON `cb_sms_deliveries` (`session_id_hash`,`sent_at`);