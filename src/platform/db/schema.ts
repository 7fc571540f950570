// The one database schema, shared by PGlite and PostgreSQL. Migrations are generated from it with
// `npm run db:generate` into migrations/ and applied at start-up or by `cvimprover migrate`.
// Only PostgreSQL 15 features: CI applies every migration to both databases.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const plans = pgTable('plans', {
  id: serial('id').primaryKey(),
  slug: varchar('slug', { length: 50 }).notNull().unique(),
  name: varchar('name', { length: 100 }).notNull(),
  description: text('description').notNull().default(''),
  order: integer('order').notNull(),
  aiResponsesPerDay: integer('ai_responses_per_day').notNull(),
  questionnairesPerDay: integer('questionnaires_per_day').notNull(),
  uploadsPerDay: integer('uploads_per_day').notNull(),
  apiCallsPerHour: integer('api_calls_per_hour').notNull(),
  burstPerMinute: integer('burst_per_minute').notNull(),
  stripePriceMonthly: varchar('stripe_price_monthly', { length: 255 }),
  stripePriceYearly: varchar('stripe_price_yearly', { length: 255 }),
  ...timestamps,
});

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: varchar('username', { length: 150 }).notNull(),
    email: varchar('email', { length: 254 }).notNull(),
    // Null for accounts created through Google sign-in until a password is set.
    passwordHash: text('password_hash'),
    firstName: varchar('first_name', { length: 150 }).notNull().default(''),
    lastName: varchar('last_name', { length: 150 }).notNull().default(''),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    emailVerified: boolean('email_verified').notNull().default(false),
    isStaff: boolean('is_staff').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    googleSub: varchar('google_sub', { length: 255 }).unique(),
    planId: integer('plan_id').references(() => plans.id, { onDelete: 'set null' }),
    stripeCustomerId: varchar('stripe_customer_id', { length: 255 }),
    stripeSubscriptionId: varchar('stripe_subscription_id', { length: 255 }),
    stripeSubscriptionStatus: varchar('stripe_subscription_status', { length: 50 }),
    subscriptionRenewalDate: timestamp('subscription_renewal_date', { withTimezone: true, mode: 'date' }),
    subscriptionInterval: varchar('subscription_interval', { length: 20 }),
    // When the subscription state above was true at Stripe (the applied event's `created`): an
    // older event arriving late must not undo a newer state.
    stripeStateAt: timestamp('stripe_state_at', { withTimezone: true, mode: 'date' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    ...timestamps,
  },
  (t) => [
    // Uniqueness ignores case, as users type their names and emails in any case.
    uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    // Webhooks find the user by customer; two users can never share one.
    uniqueIndex('users_stripe_customer_idx')
      .on(t.stripeCustomerId)
      .where(sql`${t.stripeCustomerId} is not null`),
  ],
);

/** A signed-in session: one refresh-token family. Access tokens name their session (`sid`). */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokedReason: varchar('revoked_reason', { length: 50 }),
    userAgent: varchar('user_agent', { length: 255 }),
    ip: varchar('ip', { length: 64 }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Opaque refresh tokens, stored as SHA-256 hashes; each is used once, then rotated. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('refresh_tokens_session_idx').on(t.sessionId)],
);

/** Single-use tokens sent by email: password reset and email verification. */
export const emailTokens = pgTable(
  'email_tokens',
  {
    id: uuid('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: varchar('purpose', { length: 30 }).notNull(),
    tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
    // The email the token was sent to: a verification link proves only that address.
    email: varchar('email', { length: 254 }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId, t.purpose)],
);

/** Failed sign-in counters per account name and per address, shared by every API process. */
export const loginThrottle = pgTable('login_throttle', {
  key: varchar('key', { length: 300 }).primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'date' }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
});

/** Server-wide settings the service generates once (e.g. the signing key when none is configured). */
export const appSettings = pgTable('app_settings', {
  key: varchar('key', { length: 100 }).primaryKey(),
  value: jsonb('value').notNull(),
  ...timestamps,
});

// ---- CV: questionnaires, stored files, AI responses ----

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Stored files (uploaded CVs, generated PDFs and DOCX) in the database by default, so every API
 * and worker process sees the same files. Ids are random UUIDs: download URLs cannot be guessed,
 * and they are served to their owner only.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 30 }).notNull(),
    contentType: varchar('content_type', { length: 100 }).notNull(),
    filename: varchar('filename', { length: 255 }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('documents_user_idx').on(t.userId, t.createdAt)],
);

export const questionnaires = pgTable(
  'questionnaires',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    position: varchar('position', { length: 255 }).notNull(),
    industry: varchar('industry', { length: 255 }).notNull(),
    experienceLevel: varchar('experience_level', { length: 10 }).notNull(),
    companySize: varchar('company_size', { length: 20 }).notNull(),
    applicationTimeline: varchar('application_timeline', { length: 20 }).notNull(),
    location: varchar('location', { length: 255 }),
    jobDescription: text('job_description'),
    resumeDocumentId: uuid('resume_document_id').references(() => documents.id, { onDelete: 'set null' }),
    // The name the file was uploaded with, and what its content was found to be (pdf | docx | odt | txt).
    resumeFilename: varchar('resume_filename', { length: 255 }),
    resumeType: varchar('resume_type', { length: 10 }),
    // none | processing | ready | failed
    resumeStatus: varchar('resume_status', { length: 20 }).notNull().default('none'),
    resumeError: text('resume_error'),
    resumeText: text('resume_text'),
    resumeTextChars: integer('resume_text_chars'),
    // How the reader found the pages laid out (one_column | sidebar | two_columns | table); null
    // for plain text and for CVs read before the reader reported it.
    resumeLayout: varchar('resume_layout', { length: 20 }),
    // The structure as the user corrected it (JSON Resume shape, see src/cv/structure.schemas.ts);
    // null while the reading of resume_text stands. A new CV file clears it.
    resumeStructure: jsonb('resume_structure'),
    // When the structure last changed: the CV was read, or the user corrected it.
    resumeStructureUpdatedAt: timestamp('resume_structure_updated_at', { withTimezone: true, mode: 'date' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('questionnaires_user_idx').on(t.userId, t.submittedAt)],
);

export const aiResponses = pgTable(
  'ai_responses',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    questionnaireId: integer('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    prompt: text('prompt').notNull(),
    // queued | running | succeeded | failed | canceled
    status: varchar('status', { length: 20 }).notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    responseText: text('response_text'),
    error: jsonb('error'),
    provider: varchar('provider', { length: 50 }),
    model: varchar('model', { length: 200 }),
    usage: jsonb('usage'),
    report: jsonb('report'),
    timings: jsonb('timings'),
    attempts: integer('attempts').notNull().default(0),
    idempotencyKey: varchar('idempotency_key', { length: 255 }),
    pdfDocumentId: uuid('pdf_document_id').references(() => documents.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('ai_responses_user_idx').on(t.userId, t.createdAt),
    index('ai_responses_questionnaire_idx').on(t.questionnaireId),
    uniqueIndex('ai_responses_idempotency_idx').on(t.userId, t.idempotencyKey),
  ],
);

/**
 * The user's edits of an improved CV. Version 1 is the improver's answer on the AI response row
 * itself; each edit stores its markdown as the next version, with the report recomputed for it.
 */
export const aiResponseVersions = pgTable(
  'ai_response_versions',
  {
    id: serial('id').primaryKey(),
    aiResponseId: integer('ai_response_id')
      .notNull()
      .references(() => aiResponses.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    markdown: text('markdown').notNull(),
    report: jsonb('report').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ai_response_versions_version_idx').on(t.aiResponseId, t.version)],
);

/** Files rendered from a version of an improved CV (PDF in a template, DOCX, JSON Resume…). */
export const renderedDocuments = pgTable(
  'rendered_documents',
  {
    documentId: uuid('document_id')
      .primaryKey()
      .references(() => documents.id, { onDelete: 'cascade' }),
    aiResponseId: integer('ai_response_id')
      .notNull()
      .references(() => aiResponses.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    format: varchar('format', { length: 20 }).notNull(),
    template: varchar('template', { length: 20 }),
    pageSize: varchar('page_size', { length: 10 }),
    pages: integer('pages'),
    cut: jsonb('cut'),
    readBack: jsonb('read_back'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('rendered_documents_response_idx').on(t.aiResponseId, t.createdAt)],
);

/**
 * Jobs for the BullMQ driver, written in the same transaction as the row they are about. Redis
 * cannot join that transaction, so a relay moves committed rows to BullMQ after commit (the row id
 * is the BullMQ job id, so a row relayed twice is still one job) and deletes them.
 */
export const jobOutbox = pgTable(
  'job_outbox',
  {
    id: uuid('id').primaryKey(),
    name: varchar('name', { length: 100 }).notNull(),
    payload: jsonb('payload').notNull(),
    // BullMQ job options (attempts, backoff), fixed when the job was sent.
    options: jsonb('options').notNull(),
    runAt: timestamp('run_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('job_outbox_created_idx').on(t.createdAt)],
);

// ---- plans and limits ----

/**
 * One row per counted action (an AI response, a questionnaire, an upload) for the daily quotas.
 * Rolling windows count the rows younger than the window; a failed or canceled AI job gives its
 * unit back by setting `refunded_at` on the row named by `ref`.
 */
export const quotaEvents = pgTable(
  'quota_events',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scope: varchar('scope', { length: 30 }).notNull(),
    ref: varchar('ref', { length: 100 }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    refundedAt: timestamp('refunded_at', { withTimezone: true, mode: 'date' }),
    // 1, 2, 3, … per user and scope, in the order the units were taken: the units of a window are
    // then counted from the first and the last one's numbers, whatever their count (see the
    // quota_take_unit function in migrations/0009).
    seq: bigint('seq', { mode: 'number' }),
  },
  (t) => [
    index('quota_events_user_scope_idx').on(t.userId, t.scope, t.createdAt),
    index('quota_events_ref_idx').on(t.scope, t.ref),
    uniqueIndex('quota_events_user_scope_seq_idx').on(t.userId, t.scope, t.seq),
    index('quota_events_refunded_idx')
      .on(t.userId, t.scope, t.createdAt)
      .where(sql`${t.refundedAt} is not null`),
  ],
);

/** Addresses blocked by an operator or for pushing past the per-IP limits. */
export const ipBlocks = pgTable('ip_blocks', {
  ip: varchar('ip', { length: 64 }).primaryKey(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true, mode: 'date' }).notNull(),
  reason: varchar('reason', { length: 200 }).notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Stripe webhook events already applied: each event id is applied once. */
export const stripeEvents = pgTable('stripe_events', {
  id: varchar('id', { length: 255 }).primaryKey(),
  type: varchar('type', { length: 100 }).notNull(),
  // The event's own creation time at Stripe.
  stripeCreatedAt: timestamp('stripe_created_at', { withTimezone: true, mode: 'date' }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
