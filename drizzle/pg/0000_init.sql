CREATE TABLE "cb_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"organization_id" text,
	"role" text NOT NULL,
	"master_admin" boolean DEFAULT false NOT NULL,
	CONSTRAINT "cb_accounts_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "cb_audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cb_audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" bigint NOT NULL,
	"type" text NOT NULL,
	"actor_id" text,
	"subject_id" text,
	"ip" text,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "cb_code_locks" (
	"user_id" text PRIMARY KEY NOT NULL,
	"window_started_at" bigint NOT NULL,
	"window_failures" integer NOT NULL,
	"consecutive_failures" integer NOT NULL,
	"locked_until" bigint,
	"hard_locked" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cb_codes" (
	"session_id_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"purpose" text NOT NULL,
	"phone" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"consumed_at" bigint
);
--> statement-breakpoint
CREATE TABLE "cb_enrollments" (
	"user_id" text PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"generation" integer NOT NULL,
	"enrolled_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cb_organizations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cb_rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" bigint NOT NULL,
	"window_ms" bigint NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cb_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"step" text,
	"amr" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL,
	"ip" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cb_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"allow_opt_out" boolean DEFAULT false NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"updated_at" bigint,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "cb_skips" (
	"user_id" text PRIMARY KEY NOT NULL,
	"generation" integer NOT NULL,
	"skipped_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cb_accounts" ADD CONSTRAINT "cb_accounts_organization_id_cb_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."cb_organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cb_accounts_organization_idx" ON "cb_accounts" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "cb_audit_subject_idx" ON "cb_audit_events" USING btree ("subject_id","at");--> statement-breakpoint
CREATE INDEX "cb_audit_at_idx" ON "cb_audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "cb_codes_user_idx" ON "cb_codes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cb_sessions_user_idx" ON "cb_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cb_sessions_expires_idx" ON "cb_sessions" USING btree ("expires_at");