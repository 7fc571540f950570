CREATE TABLE "ai_response_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"ai_response_id" integer NOT NULL,
	"version" integer NOT NULL,
	"markdown" text NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rendered_documents" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"ai_response_id" integer NOT NULL,
	"version" integer NOT NULL,
	"format" varchar(20) NOT NULL,
	"template" varchar(20),
	"page_size" varchar(10),
	"pages" integer,
	"cut" jsonb,
	"read_back" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ai_response_versions" ADD CONSTRAINT "ai_response_versions_ai_response_id_ai_responses_id_fk" FOREIGN KEY ("ai_response_id") REFERENCES "public"."ai_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rendered_documents" ADD CONSTRAINT "rendered_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rendered_documents" ADD CONSTRAINT "rendered_documents_ai_response_id_ai_responses_id_fk" FOREIGN KEY ("ai_response_id") REFERENCES "public"."ai_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ai_response_versions_version_idx" ON "ai_response_versions" USING btree ("ai_response_id","version");--> statement-breakpoint
CREATE INDEX "rendered_documents_response_idx" ON "rendered_documents" USING btree ("ai_response_id","created_at");