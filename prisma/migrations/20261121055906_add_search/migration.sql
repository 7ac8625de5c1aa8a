-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "searchVector" tsvector;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "searchVector" tsvector;

-- CreateIndex
CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Session_searchVector_idx" ON "Session" USING GIN ("searchVector");

-- Keep the search vectors current. 'simple' (no stemming, no stop words) suits
-- conversations in any language; Prisma does not model triggers, so they live here.
CREATE FUNCTION "parley_message_search_vector"() RETURNS trigger AS $$
BEGIN
  NEW."searchVector" := to_tsvector('simple', coalesce(NEW."text", ''));
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Message_searchVector_update"
  BEFORE INSERT OR UPDATE OF "text" ON "Message"
  FOR EACH ROW EXECUTE FUNCTION "parley_message_search_vector"();

CREATE FUNCTION "parley_session_search_vector"() RETURNS trigger AS $$
BEGIN
  NEW."searchVector" := to_tsvector('simple', coalesce(NEW."title", ''));
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Session_searchVector_update"
  BEFORE INSERT OR UPDATE OF "title" ON "Session"
  FOR EACH ROW EXECUTE FUNCTION "parley_session_search_vector"();
