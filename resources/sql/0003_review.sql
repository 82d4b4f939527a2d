-- Event review and host training. The review log is audit_log itself
-- (target_type 'event' / 'host', actor = reviewer, params carry the note,
-- the versions and the changed fields) so one table tells an incident's whole
-- story; this migration adds what the review queue needs on top of v1.

-- The host-training model tails hosts by xact like the feed tails events.
CREATE INDEX hosts_xact_idx ON hosts (xact);

-- Per-event review log reads (newest first) and "what happened since
-- version N" conflict read-backs.
CREATE INDEX audit_log_review_idx ON audit_log (target_type, target_id, id)
    WHERE target_type IN ('event', 'host');

-- Claiming: a reviewer holds an event for a while so two reviewers never work
-- the same one. The UPDATE's WHERE is re-checked against the newest row
-- version after a concurrent claim commits (READ COMMITTED), so of two
-- simultaneous claims exactly one matches. Expired claims are free to take;
-- re-claiming one's own claim extends it. The loser learns who holds it from
-- a second statement, which (unlike a CTE) sees the winner's commit.
CREATE FUNCTION review_claim(p_event bigint, p_reviewer text, p_ttl interval DEFAULT interval '15 minutes')
RETURNS TABLE (event_id bigint, won boolean, holder text, held_until timestamptz, row_version integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    r record;
BEGIN
    IF p_reviewer IS NULL OR length(p_reviewer) = 0 THEN
        RAISE EXCEPTION 'review_claim: reviewer must not be empty' USING ERRCODE = '22023';
    END IF;
    UPDATE events e
       SET claimed_by = p_reviewer, claimed_until = now() + p_ttl
     WHERE e.id = p_event
       AND e.approval_status = 'needs_approval'
       AND (e.claimed_by IS NULL OR e.claimed_until IS NULL OR e.claimed_until < now()
            OR e.claimed_by = p_reviewer)
    RETURNING e.id, e.claimed_by, e.claimed_until, e.version INTO r;
    IF FOUND THEN
        INSERT INTO audit_log (actor, action, phase, target_type, target_id, params, result)
        VALUES (p_reviewer, 'review.claim', 'outcome', 'event', p_event::text,
                jsonb_build_object('until', r.claimed_until, 'to_version', r.version), 'ok');
        RETURN QUERY SELECT r.id, true, r.claimed_by, r.claimed_until, r.version;
        RETURN;
    END IF;
    RETURN QUERY
        SELECT e.id, false, e.claimed_by, e.claimed_until, e.version FROM events e WHERE e.id = p_event;
END $$;

-- Releases only one's own claim; releasing someone else's is a no-op.
CREATE FUNCTION review_release(p_event bigint, p_reviewer text)
RETURNS TABLE (event_id bigint, released boolean, row_version integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v integer;
BEGIN
    UPDATE events e SET claimed_by = NULL, claimed_until = NULL
     WHERE e.id = p_event AND e.claimed_by = p_reviewer
    RETURNING e.version INTO v;
    IF FOUND THEN
        INSERT INTO audit_log (actor, action, phase, target_type, target_id, params, result)
        VALUES (p_reviewer, 'review.release', 'outcome', 'event', p_event::text,
                jsonb_build_object('to_version', v), 'ok');
        RETURN QUERY SELECT p_event, true, v;
        RETURN;
    END IF;
    RETURN QUERY SELECT e.id, false, e.version FROM events e WHERE e.id = p_event;
END $$;

-- Reviewing is the trainer role's job (0002): the functions' own UPDATEs
-- would be refused for a viewer anyway, this makes the intent explicit.
REVOKE EXECUTE ON FUNCTION review_claim(bigint, text, interval), review_release(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION review_claim(bigint, text, interval), review_release(bigint, text) TO oc_trainer;
