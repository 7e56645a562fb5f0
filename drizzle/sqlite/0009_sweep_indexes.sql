CREATE INDEX `cb_codes_expires_idx` ON `cb_codes` (`expires_at`);--> statement-breakpoint
CREATE INDEX `cb_codes_consumed_idx` ON `cb_codes` (`consumed_at`);--> statement-breakpoint
CREATE INDEX `cb_rate_limits_ends_idx` ON `cb_rate_limits` (("window_started_at" + 2 * "window_ms"));--> statement-breakpoint
CREATE INDEX `cb_sms_deliveries_sent_idx` ON `cb_sms_deliveries` (`sent_at`);