-- Hub schema v1: the campaign backend's tables as the console reads them.
-- Modeled on Mobilize's SQL-mirror dictionary, ActionKit and MoveOn's
-- Eventroller. Every table the console tails incrementally carries `xact`,
-- the writer's transaction id: a reader that only reads rows below
-- pg_snapshot_xmin(pg_current_snapshot()) never skips a row whose sequence
-- value was taken before a slower transaction committed (see docs/data-path.md).

CREATE TYPE campaign_status AS ENUM ('draft', 'live', 'paused', 'ended');
CREATE TYPE prep_status AS ENUM ('not_contacted', 'invited', 'attended_training', 'fully_prepped',
                                 'unable_to_contact');
CREATE TYPE approval_status AS ENUM ('needs_approval', 'approved', 'rejected', 'cancelled');
CREATE TYPE rsvp_source AS ENUM ('web', 'email', 'sms', 'social');
CREATE TYPE site_mode AS ENUM ('dynamic', 'static');
CREATE TYPE blast_channel AS ENUM ('email', 'sms');
CREATE TYPE blast_status AS ENUM ('pending_approval', 'approved', 'declined', 'queued', 'sending',
                                  'sent', 'cancelled', 'failed');

-- Bumps version/updated_at/xact on every update so readers can find changed
-- rows and writers can detect concurrent edits (optimistic concurrency).
CREATE FUNCTION hub_touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    NEW.version := OLD.version + 1;
    NEW.xact := pg_current_xact_id();
    RETURN NEW;
END $$;

CREATE TABLE campaigns (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    status      campaign_status NOT NULL DEFAULT 'draft',
    event_goal  integer NOT NULL DEFAULT 0 CHECK (event_goal >= 0),
    rsvp_goal   integer NOT NULL DEFAULT 0 CHECK (rsvp_goal >= 0),
    launch_at   timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1,
    xact        xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE TRIGGER campaigns_touch BEFORE UPDATE ON campaigns FOR EACH ROW EXECUTE FUNCTION hub_touch_row();

CREATE TABLE hosts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    email           text CHECK (email IS NULL OR length(email) <= 320),
    phone           text CHECK (phone IS NULL OR length(phone) <= 40),
    postal_code     text CHECK (postal_code IS NULL OR length(postal_code) <= 12),
    prep_status     prep_status NOT NULL DEFAULT 'not_contacted',
    last_contact_at timestamptz,
    notes           text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer NOT NULL DEFAULT 1,
    xact            xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE TRIGGER hosts_touch BEFORE UPDATE ON hosts FOR EACH ROW EXECUTE FUNCTION hub_touch_row();
CREATE INDEX hosts_prep_idx ON hosts (prep_status);

CREATE TABLE events (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id       bigint NOT NULL REFERENCES campaigns (id),
    host_id           bigint REFERENCES hosts (id),
    title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    description       text NOT NULL DEFAULT '',
    starts_at         timestamptz NOT NULL,
    ends_at           timestamptz,
    timezone          text NOT NULL DEFAULT 'America/New_York',
    venue             text NOT NULL DEFAULT '',
    address           text NOT NULL DEFAULT '',
    city              text NOT NULL DEFAULT '',
    state             text NOT NULL DEFAULT '' CHECK (state = '' OR state ~ '^[A-Z]{2}$'),
    postal_code       text NOT NULL DEFAULT '',
    latitude          double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude         double precision CHECK (longitude BETWEEN -180 AND 180),
    capacity          integer CHECK (capacity IS NULL OR capacity > 0),
    approval_status   approval_status NOT NULL DEFAULT 'needs_approval',
    reviewed_by       text,
    reviewed_at       timestamptz,
    rejection_message text,
    flagged           boolean NOT NULL DEFAULT false,
    claimed_by        text,
    claimed_until     timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           integer NOT NULL DEFAULT 1,
    xact              xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CHECK (ends_at IS NULL OR ends_at >= starts_at)
);
CREATE TRIGGER events_touch BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION hub_touch_row();
CREATE INDEX events_xact_idx ON events (xact);
CREATE INDEX events_review_queue_idx ON events (created_at) WHERE approval_status = 'needs_approval';
CREATE INDEX events_campaign_idx ON events (campaign_id, approval_status);
CREATE INDEX events_host_idx ON events (host_id);

CREATE TABLE supporters (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        text,
    phone        text,
    email_opt_in boolean NOT NULL DEFAULT false,
    sms_opt_in   boolean NOT NULL DEFAULT false,
    postal_code  text,
    latitude     double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude    double precision CHECK (longitude BETWEEN -180 AND 180),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);

-- Append-only and high volume: no triggers, no NOTIFY, one small index for
-- the console's tail read.
CREATE TABLE rsvps (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      bigint NOT NULL REFERENCES events (id),
    supporter_id  bigint REFERENCES supporters (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    source        rsvp_source NOT NULL DEFAULT 'web',
    utm_source    text,
    utm_medium    text,
    utm_campaign  text,
    xact          xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX rsvps_xact_idx ON rsvps (xact);
CREATE INDEX rsvps_event_idx ON rsvps (event_id);

CREATE TABLE traffic_samples (
    site         text NOT NULL,
    bucket       timestamptz NOT NULL,
    requests     integer NOT NULL CHECK (requests >= 0),
    errors_5xx   integer NOT NULL CHECK (errors_5xx >= 0),
    p95_ms       real NOT NULL CHECK (p95_ms >= 0),
    xact         xid8 NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (site, bucket)
);
CREATE INDEX traffic_samples_xact_idx ON traffic_samples (xact);

CREATE TABLE site_state (
    site        text PRIMARY KEY,
    mode        site_mode NOT NULL DEFAULT 'dynamic',
    snapshot_id text,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    changed_by  text
);

CREATE TABLE blasts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key uuid NOT NULL UNIQUE,
    campaign_id     bigint NOT NULL REFERENCES campaigns (id),
    channel         blast_channel NOT NULL,
    audience        jsonb NOT NULL,
    audience_size   integer NOT NULL CHECK (audience_size >= 0),
    message         text NOT NULL CHECK (length(message) BETWEEN 1 AND 20000),
    status          blast_status NOT NULL DEFAULT 'queued',
    requested_by    text NOT NULL,
    approved_by     text,
    remote_id       text,
    sent_count      integer NOT NULL DEFAULT 0,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer NOT NULL DEFAULT 1,
    xact            xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CHECK (approved_by IS NULL OR approved_by <> requested_by)
);
CREATE TRIGGER blasts_touch BEFORE UPDATE ON blasts FOR EACH ROW EXECUTE FUNCTION hub_touch_row();

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL DEFAULT current_user,
    action      text NOT NULL,
    phase       text NOT NULL CHECK (phase IN ('intent', 'outcome', 'note')),
    target_type text,
    target_id   text,
    params      jsonb NOT NULL DEFAULT '{}',
    result      text,
    xact        xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX audit_log_xact_idx ON audit_log (xact);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);
