CREATE TABLE "cb_sms_deliveries" (
	"message_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"session_id_hash" text,
	"status" text NOT NULL,
	"rank" integer NOT NULL,
	"error_code" integer,
	"sent_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cb_sms_deliveries_user_idx" ON "cb_sms_deliveries" USING btree ("user_id","sent_at");--> statement-breakpoint
CREATE INDEX "cb_sms_deliveries_session_idx" ON "cb_sms_deliveries" USING btree ("session_id_hash","sent_at");