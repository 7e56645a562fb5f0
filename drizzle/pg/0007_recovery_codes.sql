CREATE TABLE "cb_recovery_codes" (
	"portal_id" text DEFAULT 'default' NOT NULL,
	"user_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" bigint NOT NULL,
	"used_at" bigint,
	CONSTRAINT "cb_recovery_codes_portal_id_user_id_code_hash_pk" PRIMARY KEY("portal_id","user_id","code_hash")
);
