-- The large values that are rewritten while replies run (a reply's parts and text at
-- every checkpoint, a session's content vector at every finished message) are
-- compressed with LZ4 instead of PostgreSQL's default pglz: measured with 50 replies of
-- 1,000 tokens streaming at once, the database's CPU per 1,000 tokens fell by about a
-- fifth (npm run bench:streaming). It applies to values written from now on. A server
-- built without LZ4 support (the embedded PGlite is one) keeps pglz.
DO $$
BEGIN
  ALTER TABLE "Message" ALTER COLUMN "parts" SET COMPRESSION lz4, ALTER COLUMN "text" SET COMPRESSION lz4;
  ALTER TABLE "Session" ALTER COLUMN "contentVector" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  RAISE NOTICE 'LZ4 compression is not available here: values stay compressed with pglz';
END
$$;
