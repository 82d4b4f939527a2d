-- Incident response (issue 15). The plan (rules, thresholds, runbook steps,
-- remedies), the vendors to watch, the incidents and their timelines live
-- here rather than in each console's settings, so every console and the
-- wallboard show the same cards, an acknowledgement on one console shows the
-- owner on all of them, and a console restarted mid-incident comes back to
-- the same state. See docs/incidents.md.
--
-- Privileges: viewers read everything (the default privileges of 0002);
-- operators edit the plan and work incidents; trainers, who get INSERT and
-- UPDATE on new tables by default, are taken back to read-only here.

-- One row per rule; `definition` is PlanRule::toJson() (models/alerts).
-- Edits are compare-and-set on `version`; every change is kept in
-- alert_plan_history with who made it, so the plan is audited and any
-- earlier version can be read back.
CREATE TABLE alert_plan (
    rule_id     text PRIMARY KEY CHECK (rule_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    definition  jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
    updated_by  text NOT NULL CHECK (length(updated_by) BETWEEN 1 AND 200),
    updated_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE alert_plan_history (
    id          bigserial PRIMARY KEY,
    rule_id     text NOT NULL,
    version     integer NOT NULL,
    definition  jsonb, -- NULL: the rule was deleted
    changed_by  text NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (rule_id, version)
);

CREATE FUNCTION alert_plan_versioning() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- A rule deleted and created again continues its numbering.
        NEW.version := coalesce((SELECT max(version) + 1 FROM alert_plan_history WHERE rule_id = NEW.rule_id), 1);
    ELSE
        NEW.version := OLD.version + 1;
    END IF;
    NEW.updated_at := clock_timestamp();
    RETURN NEW;
END $$;

CREATE FUNCTION alert_plan_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO alert_plan_history (rule_id, version, definition, changed_by)
        VALUES (OLD.rule_id, OLD.version + 1, NULL,
                coalesce(nullif(current_setting('oc.operator', true), ''), session_user));
        RETURN OLD;
    END IF;
    INSERT INTO alert_plan_history (rule_id, version, definition, changed_by)
    VALUES (NEW.rule_id, NEW.version, NEW.definition, NEW.updated_by);
    RETURN NEW;
END $$;

CREATE TRIGGER alert_plan_version BEFORE INSERT OR UPDATE ON alert_plan
    FOR EACH ROW EXECUTE FUNCTION alert_plan_versioning();
CREATE TRIGGER alert_plan_history AFTER INSERT OR UPDATE OR DELETE ON alert_plan
    FOR EACH ROW EXECUTE FUNCTION alert_plan_audit();

-- Vendors whose status pages (Statuspage summary.json) and rate-limit
-- headers are polled; shared so every console watches the same ones.
CREATE TABLE alert_vendors (
    name        text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    status_url  text CHECK (status_url ~ '^https?://'),
    quota_url   text CHECK (quota_url ~ '^https?://'),
    interval_s  integer NOT NULL DEFAULT 60 CHECK (interval_s BETWEEN 5 AND 3600),
    updated_by  text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- One card per root cause. At most one open card per group (and per drill
-- flag: a drill never merges into a real incident), enforced here so that
-- two consoles racing to open the same incident make one.
CREATE TABLE incidents (
    id               bigserial PRIMARY KEY,
    group_key        text NOT NULL CHECK (length(group_key) BETWEEN 1 AND 100),
    title            text NOT NULL,
    severity         text NOT NULL CHECK (severity IN ('page', 'ticket', 'info')),
    state            text NOT NULL DEFAULT 'firing' CHECK (state IN ('firing', 'acknowledged', 'resolved')),
    root_rule_id     text,
    rules            text[] NOT NULL DEFAULT '{}',
    breaches         integer NOT NULL DEFAULT 1 CHECK (breaches >= 0),
    runbook_step     text NOT NULL DEFAULT '',
    remedy_id        text NOT NULL DEFAULT '',
    opened_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    acknowledged_at  timestamptz,
    owner            text,
    -- Silenced: no more sound or notification for this card. Cleared when
    -- the card resolves: a silence ends with the incident, not on a clock.
    silenced_by      text,
    resolved_at      timestamptz,
    drill            boolean NOT NULL DEFAULT false,
    version          integer NOT NULL DEFAULT 1,
    -- Consoles poll "what changed since change_seq N": one cheap index scan
    -- a second, whatever the number of cards.
    change_seq       bigint NOT NULL DEFAULT 0,
    CHECK ((state = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE UNIQUE INDEX incidents_one_open_per_group ON incidents (group_key, drill) WHERE state <> 'resolved';
CREATE SEQUENCE incident_change_seq;
CREATE INDEX incidents_change_seq_idx ON incidents (change_seq);

CREATE TABLE incident_timeline (
    id           bigserial PRIMARY KEY,
    incident_id  bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    kind         text NOT NULL CHECK (kind IN ('opened', 'rule_firing', 'rule_resolved', 'acknowledged',
                                               'handed_over', 'note', 'action', 'resolved', 'reopened', 'silenced')),
    actor        text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    rule_id      text,
    detail       text NOT NULL DEFAULT '' CHECK (length(detail) <= 4000),
    outcome      text NOT NULL DEFAULT '' CHECK (length(outcome) <= 1000)
);
CREATE INDEX incident_timeline_incident_idx ON incident_timeline (incident_id, id);

CREATE FUNCTION incidents_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- A timeline entry only moves change_seq; the version counts real
        -- changes of the card, for compare-and-set.
        IF (NEW.state, NEW.title, NEW.severity, NEW.rules, NEW.breaches, NEW.owner, NEW.silenced_by,
            NEW.resolved_at, NEW.runbook_step, NEW.remedy_id)
           IS DISTINCT FROM (OLD.state, OLD.title, OLD.severity, OLD.rules, OLD.breaches, OLD.owner,
                             OLD.silenced_by, OLD.resolved_at, OLD.runbook_step, OLD.remedy_id) THEN
            NEW.version := OLD.version + 1;
        END IF;
        IF NEW.state = 'resolved' AND OLD.state <> 'resolved' THEN
            NEW.silenced_by := NULL;
        END IF;
    END IF;
    NEW.change_seq := nextval('incident_change_seq');
    RETURN NEW;
END $$;
CREATE TRIGGER incidents_touch BEFORE INSERT OR UPDATE ON incidents
    FOR EACH ROW EXECUTE FUNCTION incidents_touch();

-- A timeline entry is a change of its card too: pollers that watch
-- change_seq see new notes without reading the timeline every second.
CREATE FUNCTION incident_timeline_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE incidents SET change_seq = nextval('incident_change_seq') WHERE id = NEW.incident_id;
    RETURN NEW;
END $$;
CREATE TRIGGER incident_timeline_touch AFTER INSERT ON incident_timeline
    FOR EACH ROW EXECUTE FUNCTION incident_timeline_touch();

REVOKE INSERT, UPDATE, DELETE ON alert_plan, alert_plan_history, alert_vendors, incidents, incident_timeline
    FROM oc_trainer;
GRANT INSERT, UPDATE, DELETE ON alert_plan, alert_vendors TO oc_operator;
GRANT INSERT ON alert_plan_history TO oc_operator;
GRANT INSERT, UPDATE ON incidents, incident_timeline TO oc_operator;
GRANT USAGE ON SEQUENCE incident_change_seq TO oc_operator;
