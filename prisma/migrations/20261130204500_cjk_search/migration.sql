-- Chinese, Japanese and Korean are written without spaces, so the text parser saw a
-- whole run of them as one word and a search found only its beginning (你好 in 你好世界,
-- never 世界). Such runs are now indexed as their characters and overlapping pairs of
-- characters (机器学习 → 机 器 学 习 机器 器学 学习); a query's run becomes its pairs (or
-- its one character), all required. Other text is indexed as before. The same ranges
-- are in lib/search/terms.ts, which marks matches in the UI.
CREATE FUNCTION "parley_search_words"(body text, for_query boolean DEFAULT false) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  cjk CONSTANT text := '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]+';
  run text;
  n int;
  words text;
BEGIN
  IF body IS NULL OR body !~ cjk THEN RETURN coalesce(body, ''); END IF;
  words := regexp_replace(body, cjk, ' ', 'g');
  FOR run IN SELECT m[1] FROM regexp_matches(body, '(' || cjk || ')', 'g') AS m LOOP
    n := char_length(run);
    IF n = 1 OR NOT for_query THEN
      words := words || ' ' || (SELECT string_agg(substr(run, i, 1), ' ') FROM generate_series(1, n) AS i);
    END IF;
    IF n > 1 THEN
      words := words || ' ' || (SELECT string_agg(substr(run, i, 2), ' ') FROM generate_series(1, n - 1) AS i);
    END IF;
  END LOOP;
  RETURN words;
END
$$;

CREATE OR REPLACE FUNCTION "parley_message_search_vector"() RETURNS trigger AS $$
BEGIN
  NEW."searchVector" := to_tsvector('simple', parley_search_words(NEW."text"));
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "parley_session_search_vector"() RETURNS trigger AS $$
BEGIN
  NEW."searchVector" := to_tsvector('simple', parley_search_words(NEW."title"));
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

-- What is stored already, indexed again (these updates fire no trigger).
UPDATE "Session" SET "searchVector" = to_tsvector('simple', parley_search_words("title"));
UPDATE "Message" SET "searchVector" = to_tsvector('simple', parley_search_words("text")) WHERE status <> 'streaming';
UPDATE "Session" s SET "contentVector" = (
  SELECT strip(to_tsvector('simple', parley_search_words(coalesce(string_agg(m."text", ' '), ''))))
  FROM "Message" m WHERE m."sessionId" = s.id AND m.status <> 'streaming'
);
