CREATE TABLE "cb_reset_requests" (
	"portal_id" text DEFAULT 'default' NOT NULL,
	"user_id" text NOT NULL,
	"requested_at" bigint NOT NULL,
	"ip" text,
	CONSTRAINT "cb_reset_requests_portal_id_user_id_pk" PRIMARY KEY("portal_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "cb_trusted_devices" (
	"portal_id" text DEFAULT 'default' NOT NULL,
	"id_hash" text NOT NULL,
	"user_id" text NOT NULL,
	"phone" text NOT NULL,
	"generation" integer NOT NULL,
	"label" text NOT NULL,
	"created_at" bigint NOT NULL,
	"last_used_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "cb_trusted_devices_portal_id_id_hash_pk" PRIMARY KEY("portal_id","id_hash")
);
--> statement-breakpoint
CREATE INDEX "cb_trusted_devices_user_idx" ON "cb_trusted_devices" USING btree ("portal_id","user_id");--> statement-breakpoint
CREATE INDEX "cb_trusted_devices_expires_idx" ON "cb_trusted_devices" USING btree ("expires_at");