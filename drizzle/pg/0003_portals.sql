CREATE TABLE "cb_portals" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text,
	"logo_url" text,
	"accent" text,
	"sms_name" text,
	"sms_from" text,
	"sms_messaging_service_sid" text,
	"sms_locale" text DEFAULT 'en' NOT NULL,
	"webotp_domain" text,
	"allowed_countries" text,
	"daily_sms_budget" integer,
	"policies" text,
	"enabled" boolean DEFAULT false NOT NULL,
	"allow_opt_out" boolean DEFAULT false NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"updated_at" bigint,
	"updated_by" text,
	"created_at" bigint DEFAULT 0 NOT NULL
);--> statement-breakpoint
ALTER TABLE "cb_accounts" ADD COLUMN "portal_id" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "cb_audit_events" ADD COLUMN "portal_id" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "cb_code_locks" ADD COLUMN "portal_id" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "cb_codes" ADD COLUMN "portal_id" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "cb_enrollments" ADD COLUMN "portal_id" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "cb_organizations" ADD COLUMN "portal_id" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "cb_organizations" ADD COLUMN "two_factor_policy" text DEFAULT 'inherit' NOT NULL;--> statement-breakpoint
ALTER TABLE "cb_sessions" ADD COLUMN "portal_id" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "cb_skips" ADD COLUMN "portal_id" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "cb_sms_deliveries" ADD COLUMN "portal_id" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "cb_accounts" DROP CONSTRAINT "cb_accounts_email_unique";--> statement-breakpoint
ALTER TABLE "cb_accounts" DROP CONSTRAINT "cb_accounts_organization_id_cb_organizations_id_fk";--> statement-breakpoint
DROP INDEX "cb_accounts_organization_idx";--> statement-breakpoint
DROP INDEX "cb_audit_subject_idx";--> statement-breakpoint
DROP INDEX "cb_audit_at_idx";--> statement-breakpoint
DROP INDEX "cb_codes_user_idx";--> statement-breakpoint
DROP INDEX "cb_sessions_user_idx";--> statement-breakpoint
DROP INDEX "cb_sms_deliveries_user_idx";--> statement-breakpoint
ALTER TABLE "cb_accounts" DROP CONSTRAINT "cb_accounts_pkey";--> statement-breakpoint
ALTER TABLE "cb_code_locks" DROP CONSTRAINT "cb_code_locks_pkey";--> statement-breakpoint
ALTER TABLE "cb_codes" DROP CONSTRAINT "cb_codes_pkey";--> statement-breakpoint
ALTER TABLE "cb_enrollments" DROP CONSTRAINT "cb_enrollments_pkey";--> statement-breakpoint
ALTER TABLE "cb_organizations" DROP CONSTRAINT "cb_organizations_pkey";--> statement-breakpoint
ALTER TABLE "cb_sessions" DROP CONSTRAINT "cb_sessions_pkey";--> statement-breakpoint
ALTER TABLE "cb_skips" DROP CONSTRAINT "cb_skips_pkey";--> statement-breakpoint
ALTER TABLE "cb_accounts" ADD CONSTRAINT "cb_accounts_portal_id_id_pk" PRIMARY KEY("portal_id","id");--> statement-breakpoint
ALTER TABLE "cb_code_locks" ADD CONSTRAINT "cb_code_locks_portal_id_user_id_pk" PRIMARY KEY("portal_id","user_id");--> statement-breakpoint
ALTER TABLE "cb_codes" ADD CONSTRAINT "cb_codes_portal_id_session_id_hash_pk" PRIMARY KEY("portal_id","session_id_hash");--> statement-breakpoint
ALTER TABLE "cb_enrollments" ADD CONSTRAINT "cb_enrollments_portal_id_user_id_pk" PRIMARY KEY("portal_id","user_id");--> statement-breakpoint
ALTER TABLE "cb_organizations" ADD CONSTRAINT "cb_organizations_portal_id_id_pk" PRIMARY KEY("portal_id","id");--> statement-breakpoint
ALTER TABLE "cb_sessions" ADD CONSTRAINT "cb_sessions_portal_id_id_hash_pk" PRIMARY KEY("portal_id","id_hash");--> statement-breakpoint
ALTER TABLE "cb_skips" ADD CONSTRAINT "cb_skips_portal_id_user_id_pk" PRIMARY KEY("portal_id","user_id");--> statement-breakpoint
ALTER TABLE "cb_accounts" ADD CONSTRAINT "cb_accounts_portal_id_organization_id_cb_organizations_portal_id_id_fk" FOREIGN KEY ("portal_id","organization_id") REFERENCES "public"."cb_organizations"("portal_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cb_accounts_email_idx" ON "cb_accounts" USING btree ("portal_id","email");--> statement-breakpoint
CREATE INDEX "cb_accounts_organization_idx" ON "cb_accounts" USING btree ("portal_id","organization_id");--> statement-breakpoint
CREATE INDEX "cb_audit_subject_idx" ON "cb_audit_events" USING btree ("portal_id","subject_id","at");--> statement-breakpoint
CREATE INDEX "cb_audit_at_idx" ON "cb_audit_events" USING btree ("portal_id","at");--> statement-breakpoint
CREATE INDEX "cb_codes_user_idx" ON "cb_codes" USING btree ("portal_id","user_id");--> statement-breakpoint
CREATE INDEX "cb_sessions_user_idx" ON "cb_sessions" USING btree ("portal_id","user_id");--> statement-breakpoint
CREATE INDEX "cb_sms_deliveries_user_idx" ON "cb_sms_deliveries" USING btree ("portal_id","user_id","sent_at");--> statement-breakpoint
-- The single-portal release's settings become the portal `default`, with its generation, so
-- every enrollment and skip of that generation still counts.
INSERT INTO "cb_portals" ("id", "enabled", "allow_opt_out", "generation", "updated_at", "updated_by", "created_at")
SELECT 'default', "enabled", "allow_opt_out", "generation", "updated_at", "updated_by", COALESCE("updated_at", 0) FROM "cb_settings" WHERE "id" = 1;
