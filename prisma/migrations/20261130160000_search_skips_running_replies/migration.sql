-- A running reply's checkpoints (its text, once a second) no longer re-index it: a
-- message's words are computed once, when it is written finished (or marked as
-- interrupted), which is also when they join its session's content vector.
DROP TRIGGER "Message_searchVector_update" ON "Message";

CREATE TRIGGER "Message_searchVector_update"
  BEFORE INSERT OR UPDATE OF "text", "status" ON "Message"
  FOR EACH ROW WHEN (NEW.status <> 'streaming')
  EXECUTE FUNCTION "parley_message_search_vector"();
