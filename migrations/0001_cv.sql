CREATE TABLE "ai_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"questionnaire_id" integer NOT NULL,
	"prompt" text NOT NULL,
	"status" varchar(20) DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"response_text" text,
	"error" jsonb,
	"provider" varchar(50),
	"model" varchar(200),
	"usage" jsonb,
	"report" jsonb,
	"timings" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"idempotency_key" varchar(255),
	"pdf_document_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" varchar(30) NOT NULL,
	"content_type" varchar(100) NOT NULL,
	"filename" varchar(255) NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questionnaires" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"position" varchar(255) NOT NULL,
	"industry" varchar(255) NOT NULL,
	"experience_level" varchar(10) NOT NULL,
	"company_size" varchar(20) NOT NULL,
	"application_timeline" varchar(20) NOT NULL,
	"location" varchar(255),
	"job_description" text,
	"resume_document_id" uuid,
	"resume_filename" varchar(255),
	"resume_status" varchar(20) DEFAULT 'none' NOT NULL,
	"resume_error" text,
	"resume_text" text,
	"resume_text_chars" integer,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ai_responses" ADD CONSTRAINT "ai_responses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_responses" ADD CONSTRAINT "ai_responses_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_responses" ADD CONSTRAINT "ai_responses_pdf_document_id_documents_id_fk" FOREIGN KEY ("pdf_document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD CONSTRAINT "questionnaires_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD CONSTRAINT "questionnaires_resume_document_id_documents_id_fk" FOREIGN KEY ("resume_document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_responses_user_idx" ON "ai_responses" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "ai_responses_questionnaire_idx" ON "ai_responses" USING btree ("questionnaire_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ai_responses_idempotency_idx" ON "ai_responses" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "documents_user_idx" ON "documents" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "questionnaires_user_idx" ON "questionnaires" USING btree ("user_id","submitted_at");