ALTER TABLE "quota_events" ADD COLUMN "seq" bigint;--> statement-breakpoint
-- The units taken so far get their numbers in the order they were taken.
UPDATE "quota_events" AS q SET "seq" = n.rn
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "user_id", "scope" ORDER BY "created_at", "id") AS rn
  FROM "quota_events"
) AS n
WHERE q."id" = n."id";--> statement-breakpoint
CREATE UNIQUE INDEX "quota_events_user_scope_seq_idx" ON "quota_events" USING btree ("user_id","scope","seq");--> statement-breakpoint
CREATE INDEX "quota_events_refunded_idx" ON "quota_events" USING btree ("user_id","scope","created_at") WHERE "quota_events"."refunded_at" is not null;--> statement-breakpoint
-- Takes one unit of a daily quota (p_take) or only reads the window, in one round trip and at the
-- same cost whatever the limit and however many units are used: the units of the rolling window
-- are the last unit's number minus the first in-window unit's, plus one, less the refunded ones
-- (an index lookup each, and refunds are few). Units of one user and scope are numbered under a
-- transaction-scoped advisory lock, so two requests take turns and the second one's statements
-- (each with a new snapshot, in a volatile function under READ COMMITTED) see the first one's
-- unit. A unit is never stamped earlier than the one before it, so numbers and times agree.
-- Returns whether the unit was taken, the limit, the units used, and the time of the unit whose
-- expiry frees the next one.
-- Custom plans only: a generic plan, not knowing where the window starts, may walk every unit the
-- user ever took.
CREATE FUNCTION "quota_take_unit"(
  p_user integer,
  p_scope varchar,
  p_ref varchar,
  p_now timestamptz,
  p_window_ms bigint,
  p_fallback_limit integer,
  p_take boolean
) RETURNS TABLE ("allowed" boolean, "lim" integer, "used" integer, "pivot" timestamptz)
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  v_since timestamptz := p_now - make_interval(secs => p_window_ms / 1000.0);
  v_limit integer;
  v_last_seq bigint;
  v_last_at timestamptz;
  v_first_at timestamptz;
  v_first_seq bigint;
  v_refunded integer;
  v_used integer;
  v_allowed boolean := false;
BEGIN
  IF p_take THEN
    PERFORM pg_advisory_xact_lock(p_user, hashtext('quota:' || p_scope));
  END IF;
  -- The user's plan's limit, else the Free plan's, else the catalogue's Free limit.
  SELECT CASE p_scope
           WHEN 'ai_responses' THEN p."ai_responses_per_day"
           WHEN 'questionnaires' THEN p."questionnaires_per_day"
           ELSE p."uploads_per_day"
         END
    INTO v_limit
    FROM "users" u JOIN "plans" p ON p."id" = u."plan_id"
   WHERE u."id" = p_user;
  IF v_limit IS NULL THEN
    SELECT CASE p_scope
             WHEN 'ai_responses' THEN p."ai_responses_per_day"
             WHEN 'questionnaires' THEN p."questionnaires_per_day"
             ELSE p."uploads_per_day"
           END
      INTO v_limit
      FROM "plans" p
     WHERE p."slug" = 'free';
  END IF;
  v_limit := coalesce(v_limit, p_fallback_limit);

  SELECT e."seq", e."created_at" INTO v_last_seq, v_last_at
    FROM "quota_events" e
   WHERE e."user_id" = p_user AND e."scope" = p_scope
   ORDER BY e."seq" DESC
   LIMIT 1;
  -- Two steps, each an index lookup: ordering by (created_at, seq) at once could walk the window.
  SELECT e."created_at" INTO v_first_at
    FROM "quota_events" e
   WHERE e."user_id" = p_user AND e."scope" = p_scope AND e."created_at" > v_since
   ORDER BY e."created_at"
   LIMIT 1;
  SELECT min(e."seq") INTO v_first_seq
    FROM "quota_events" e
   WHERE e."user_id" = p_user AND e."scope" = p_scope AND e."created_at" = v_first_at;
  SELECT count(*) INTO v_refunded
    FROM "quota_events" e
   WHERE e."user_id" = p_user AND e."scope" = p_scope
     AND e."refunded_at" IS NOT NULL AND e."created_at" > v_since;
  v_used := coalesce(v_last_seq - v_first_seq + 1, 0)::integer - v_refunded;

  IF p_take AND v_used < v_limit THEN
    INSERT INTO "quota_events" ("user_id", "scope", "ref", "created_at", "seq")
    VALUES (p_user, p_scope, p_ref, greatest(p_now, v_last_at), coalesce(v_last_seq, 0) + 1);
    v_used := v_used + 1;
    v_allowed := true;
  END IF;

  RETURN QUERY
    SELECT v_allowed, v_limit, v_used, (
      SELECT e."created_at"
        FROM "quota_events" e
       WHERE e."user_id" = p_user AND e."scope" = p_scope
         AND e."refunded_at" IS NULL AND e."created_at" > v_since
       ORDER BY e."created_at"
      OFFSET greatest(0, v_used - v_limit)
       LIMIT 1
    );
END
$$;
