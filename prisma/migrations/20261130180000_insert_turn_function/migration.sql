-- A turn (the user's message and its empty streaming reply) is written in one
-- round trip: this function does what lib/db/messages.ts insertTurn describes.
-- Each statement of a plpgsql function takes a fresh snapshot, so the reads
-- after the lock see every turn committed before ours.
-- Returns {"outcome": "inserted", "parentId", "seq"} or, writing nothing,
-- {"outcome": "no_session" | "duplicate" | "running" | "unknown_parent", "id"}.
CREATE FUNCTION parley_insert_turn(
  p_session uuid,
  p_model text,
  p_parent_given boolean,   -- false: follow the session's head
  p_parent uuid,            -- with p_parent_given: null starts a new first message
  p_user_id uuid,           -- null: no user message (a regenerated reply)
  p_user_parts jsonb,
  p_user_text text,
  p_client_id text,
  p_reply_id uuid,
  p_at timestamp(3),
  p_stale_before timestamp(3)
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_head uuid;
  v_found uuid;
  v_parent uuid;
  v_seq integer;
BEGIN
  -- Turns of one session are written one at a time.
  PERFORM 1 FROM "Session" WHERE id = p_session FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('outcome', 'no_session');
  END IF;
  SELECT "headId" INTO v_head FROM "Session" WHERE id = p_session;

  -- The sender retried a message that is already stored.
  IF p_client_id IS NOT NULL THEN
    SELECT id INTO v_found FROM "Message" WHERE "sessionId" = p_session AND "clientId" = p_client_id LIMIT 1;
    IF v_found IS NOT NULL THEN
      RETURN jsonb_build_object('outcome', 'duplicate', 'id', v_found);
    END IF;
  END IF;

  -- One running reply per session; a streaming reply not touched since p_stale_before is a dead process's.
  SELECT id INTO v_found FROM "Message"
    WHERE "sessionId" = p_session AND status = 'streaming' AND "updatedAt" >= p_stale_before LIMIT 1;
  IF v_found IS NOT NULL THEN
    RETURN jsonb_build_object('outcome', 'running', 'id', v_found);
  END IF;

  IF p_parent_given THEN
    v_parent := p_parent;
    IF v_parent IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Message" WHERE id = v_parent AND "sessionId" = p_session) THEN
      RETURN jsonb_build_object('outcome', 'unknown_parent', 'id', v_parent);
    END IF;
  ELSE
    v_parent := v_head;
  END IF;

  UPDATE "Message" SET status = 'interrupted', "updatedAt" = p_at WHERE "sessionId" = p_session AND status = 'streaming';
  SELECT coalesce(max(seq), 0) + 1 INTO v_seq FROM "Message" WHERE "sessionId" = p_session;

  IF p_user_id IS NOT NULL THEN
    INSERT INTO "Message" (id, "sessionId", "parentId", seq, role, parts, text, status, "clientId", "createdAt", "updatedAt")
      VALUES (p_user_id, p_session, v_parent, v_seq, 'user', p_user_parts, p_user_text, 'complete', p_client_id, p_at, p_at);
  END IF;
  INSERT INTO "Message" (id, "sessionId", "parentId", seq, role, parts, text, status, model, "createdAt", "updatedAt")
    VALUES (p_reply_id, p_session, coalesce(p_user_id, v_parent), CASE WHEN p_user_id IS NULL THEN v_seq ELSE v_seq + 1 END,
            'assistant', '[]', '', 'streaming', p_model, p_at, p_at);
  UPDATE "Session" SET "headId" = p_reply_id, "lastMessageAt" = p_at, model = p_model, "updatedAt" = p_at WHERE id = p_session;

  RETURN jsonb_build_object('outcome', 'inserted', 'parentId', v_parent, 'seq', v_seq);
END;
$$;
