-- Search finds sessions: each session keeps the words of its finished messages
-- in one vector (no positions, each word once), so a search walks at most the
-- user's sessions, never every message that contains a common word.

-- DropIndex
DROP INDEX "Message_searchVector_idx";

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "contentVector" tsvector;

-- The sessions that exist already.
UPDATE "Session" s SET "contentVector" = (
  SELECT strip(to_tsvector('simple', coalesce(string_agg(m."text", ' '), '')))
  FROM "Message" m WHERE m."sessionId" = s.id AND m.status <> 'streaming'
);

-- CreateIndex
CREATE INDEX "Session_contentVector_idx" ON "Session" USING GIN ("contentVector");

-- A message adds its words once it is finished (a running reply's checkpoints do not:
-- its words arrive when it ends, however it ends). Words of replaced branches stay:
-- their messages are still stored.
CREATE FUNCTION "parley_session_content_vector"() RETURNS trigger AS $$
BEGIN
  UPDATE "Session" SET "contentVector" = coalesce("contentVector", ''::tsvector) || strip(NEW."searchVector")
  WHERE id = NEW."sessionId";
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Message_contentVector_update"
  AFTER INSERT OR UPDATE OF "text", "status" ON "Message"
  FOR EACH ROW WHEN (NEW.status <> 'streaming' AND NEW."searchVector" IS NOT NULL)
  EXECUTE FUNCTION "parley_session_content_vector"();
