-- quota_take_unit planned each of its seven statements on every call (force_custom_plan): most of
-- the cost of a quota-counted request, four times the statements' own work on PGlite. Its
-- statements are now planned once per connection (force_generic_plan), and with sequential scans
-- off inside the function those plans always walk the (user, scope, ...) indexes: a generic plan
-- made while the table is small (PGlite never runs ANALYZE by itself) would otherwise read the
-- whole table once it is not, and a unit would cost more the more units were taken.
ALTER FUNCTION "quota_take_unit"(integer, varchar, varchar, timestamptz, bigint, integer, boolean)
  SET plan_cache_mode = force_generic_plan;--> statement-breakpoint
ALTER FUNCTION "quota_take_unit"(integer, varchar, varchar, timestamptz, bigint, integer, boolean)
  SET enable_seqscan = off;
