-- Roles and the two-person rule. What a console may do depends on the
-- database role it logs in as, and the database enforces it: a modified
-- viewer console gets SQLSTATE 42501, not a hidden button.
--
--   oc_viewer    reads everything the console shows
--   oc_trainer   viewer + event review and host training writes
--   oc_operator  trainer + launch, site flips and blasts
--
-- Each is a NOLOGIN group role; grant them to login roles, e.g.
--   CREATE ROLE alice LOGIN IN ROLE oc_operator;
--
-- Roles belong to the whole cluster while this script runs once per
-- database (tests create many databases in one cluster, two databases may
-- migrate at the same moment): create a role only when it is missing, and
-- treat "someone else just created it" as success.

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['oc_viewer', 'oc_trainer', 'oc_operator'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END $$;

-- Membership chains the privileges: an operator can do what a trainer can.
DO $$
BEGIN
    IF NOT pg_has_role('oc_trainer', 'oc_viewer', 'MEMBER') THEN
        GRANT oc_viewer TO oc_trainer;
    END IF;
    IF NOT pg_has_role('oc_operator', 'oc_trainer', 'MEMBER') THEN
        GRANT oc_trainer TO oc_operator;
    END IF;
EXCEPTION WHEN unique_violation THEN
    NULL; -- a database migrating at the same moment granted it first
END $$;

GRANT USAGE ON SCHEMA public TO oc_viewer;

-- Viewer: every table and sequence, read only, including the tables later
-- migrations (and the simulator) create as the same owner.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO oc_viewer;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO oc_viewer;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO oc_viewer;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON SEQUENCES TO oc_viewer;
-- Except the supporters' emails and phone numbers: no panel shows them, and
-- only an operator counting a blast's audience needs to read them.
REVOKE SELECT ON supporters FROM oc_viewer;

-- Trainer: reviews events, works the host-training queue, writes its log.
-- Tables added by later migrations (the review desk's among them) are
-- writable by trainers from the start, so a new review table never needs a
-- grant here; blasts, campaigns and site_state exist now and stay
-- operator-only because default privileges only reach future tables.
GRANT UPDATE ON events, hosts TO oc_trainer;
GRANT INSERT ON audit_log TO oc_trainer;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO oc_trainer;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT INSERT, UPDATE ON TABLES TO oc_trainer;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO oc_trainer;

-- Operator: the one-click actions.
GRANT INSERT, UPDATE ON blasts, campaigns, site_state, audit_log TO oc_operator;
GRANT SELECT ON supporters TO oc_operator;

-- The two-person rule's threshold lives in the database, not in a console's
-- settings, so every console agrees on it and no console can raise it.
-- One row; changed by the DBA (operators can only read it).
CREATE TABLE blast_policy (
    singleton          boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    approval_threshold integer NOT NULL DEFAULT 10000 CHECK (approval_threshold >= 0),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
INSERT INTO blast_policy DEFAULT VALUES;
GRANT SELECT ON blast_policy TO oc_viewer;

CREATE FUNCTION blast_approval_threshold() RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT approval_threshold FROM blast_policy WHERE singleton), 0)
$$;

-- Enforces on every writer (consoles and the backend alike):
--  * a blast above the threshold is born 'pending_approval' and leaves it
--    only by being approved by someone other than its requester, declined
--    or cancelled; nothing reaches 'approved'/'queued' around that;
--  * approval is a separate, later step: no row is inserted pre-approved,
--    and an approver is never replaced;
--  * what was approved is what is sent: content, audience, size and key
--    cannot change after the request;
--  * a declined blast stays declined.
-- Only transitions are checked, so lowering the threshold later never
-- strands a small blast that is already on its way.
CREATE FUNCTION blasts_enforce_two_person_rule() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    threshold integer := blast_approval_threshold();
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.approved_by IS NOT NULL THEN
            RAISE EXCEPTION 'a blast is approved by a second operator after it is requested, not when it is inserted'
                USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.status NOT IN ('pending_approval', 'queued') THEN
            RAISE EXCEPTION 'a new blast must be pending_approval or queued, not %', NEW.status
                USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.status <> 'pending_approval' AND NEW.audience_size > threshold THEN
            RAISE EXCEPTION 'a blast to % recipients needs a second operator''s approval (threshold %)',
                NEW.audience_size, threshold
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;

    IF NEW.idempotency_key <> OLD.idempotency_key OR NEW.campaign_id <> OLD.campaign_id
       OR NEW.channel <> OLD.channel OR NEW.audience <> OLD.audience
       OR NEW.audience_size <> OLD.audience_size OR NEW.message <> OLD.message
       OR NEW.requested_by <> OLD.requested_by THEN
        RAISE EXCEPTION 'a blast''s content, audience and requester cannot change after it is requested'
            USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.approved_by IS NOT NULL AND NEW.approved_by IS DISTINCT FROM OLD.approved_by THEN
        RAISE EXCEPTION 'blast % was already approved by %', OLD.id, OLD.approved_by
            USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.approved_by IS NULL AND NEW.approved_by IS NOT NULL
       AND NOT (OLD.status = 'pending_approval' AND NEW.status = 'approved') THEN
        RAISE EXCEPTION 'only a pending blast can be approved, and approving makes it approved'
            USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status = 'pending_approval' AND NEW.status <> OLD.status
       AND NEW.status NOT IN ('approved', 'declined', 'cancelled') THEN
        RAISE EXCEPTION 'blast % awaits a second operator''s approval; it cannot become %', OLD.id, NEW.status
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.status = 'approved' AND NEW.approved_by IS NULL THEN
        RAISE EXCEPTION 'an approved blast names its approver' USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status = 'declined' AND NEW.status <> 'declined' THEN
        RAISE EXCEPTION 'blast % was declined; request a new one', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER blasts_two_person_rule BEFORE INSERT OR UPDATE ON blasts
    FOR EACH ROW EXECUTE FUNCTION blasts_enforce_two_person_rule();

-- The console's "unfinished blasts" read on start and its approval list.
CREATE INDEX blasts_open_idx ON blasts (status) WHERE status IN ('pending_approval', 'approved', 'queued', 'sending');
