/** The state database's schema, versioned with PRAGMA user_version. Migrations only ever append. */
export const MIGRATIONS: ReadonlyArray<string> = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  -- The local cache of the CRM and SmartLead, in the domain model's shapes (JSON), kept current by sync.
  CREATE TABLE cache_records (
    kind TEXT NOT NULL,            -- account | owner | pipeline | company | contact | deal | engagement
    id TEXT NOT NULL,
    modified_at TEXT,
    json TEXT NOT NULL,
    PRIMARY KEY (kind, id));
  CREATE TABLE cache_outreach (
    kind TEXT NOT NULL,            -- campaign | lead | message
    id TEXT NOT NULL,
    time TEXT,
    json TEXT NOT NULL,
    PRIMARY KEY (kind, id));
  CREATE TABLE sync_cursors (
    source TEXT PRIMARY KEY,       -- hubspot:deals, hubspot:calls, …, smartlead
    cursor TEXT,                   -- newest modification time seen (ISO)
    synced_at TEXT NOT NULL);
  CREATE TABLE sync_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,            -- full | incremental
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,          -- running | ok | failed
    hubspot_requests INTEGER NOT NULL DEFAULT 0,
    smartlead_requests INTEGER NOT NULL DEFAULT 0,
    changes TEXT,                  -- JSON: records written / archived per kind
    error TEXT);

  -- Workflow runs and their findings (snapshots: trends and "new since yesterday").
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    workflow TEXT NOT NULL,
    driver TEXT NOT NULL,
    owner_id TEXT,
    as_of TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    inputs TEXT,
    outputs TEXT,
    tool_calls TEXT,
    usage TEXT,
    duration_ms INTEGER,
    error TEXT);
  CREATE INDEX runs_workflow ON runs (workflow, as_of);
  CREATE TABLE findings (
    run_id TEXT NOT NULL REFERENCES runs (id),
    seq INTEGER NOT NULL,
    check_name TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT,
    owner_id TEXT,
    severity TEXT NOT NULL,
    summary TEXT NOT NULL,
    evidence TEXT NOT NULL,
    fingerprint TEXT NOT NULL,     -- check + object: the same problem on later runs
    PRIMARY KEY (run_id, seq));
  CREATE INDEX findings_fingerprint ON findings (fingerprint);
  -- HC-4: one row per owner per audited run.
  CREATE TABLE audit_snapshots (
    run_id TEXT NOT NULL REFERENCES runs (id),
    as_of TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    open_deals INTEGER NOT NULL,
    stale_deals INTEGER NOT NULL,
    notes_logged INTEGER NOT NULL,
    activities_logged INTEGER NOT NULL,
    findings INTEGER NOT NULL,
    PRIMARY KEY (run_id, owner_id));
  CREATE TABLE forecast_snapshots (
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    forecast REAL NOT NULL,
    commit_amount REAL NOT NULL,
    taken_at TEXT NOT NULL,
    PRIMARY KEY (period_start, period_end, owner_id));

  -- People: AE profiles, nudges and responses (notifications).
  CREATE TABLE ae_profiles (owner_id TEXT PRIMARY KEY, json TEXT NOT NULL, updated_at TEXT NOT NULL);
  CREATE TABLE nudges (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    day TEXT NOT NULL,             -- local date the nudge is for (YYYY-MM-DD)
    item_key TEXT NOT NULL,        -- what it is about (check + object): one a day at most
    level INTEGER NOT NULL,
    channel TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,          -- recorded | sent | failed
    created_at TEXT NOT NULL,
    sent_at TEXT,
    UNIQUE (owner_id, day, item_key));
  CREATE TABLE nudge_responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    nudge_id TEXT NOT NULL REFERENCES nudges (id),
    kind TEXT NOT NULL,            -- acted | skipped | snoozed | muted
    at TEXT NOT NULL,
    detail TEXT);

  -- AE updates and their reconciliation against the CRM.
  CREATE TABLE ae_updates (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    source TEXT NOT NULL,
    text TEXT NOT NULL);
  CREATE TABLE reconciliations (
    id TEXT PRIMARY KEY,
    update_id TEXT NOT NULL REFERENCES ae_updates (id),
    run_at TEXT NOT NULL,
    json TEXT NOT NULL);

  -- Every CRM write: proposed, approved, applied or failed. Never retried blindly.
  CREATE TABLE crm_writes (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    tool TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT,
    preview TEXT NOT NULL,
    idempotency_key TEXT UNIQUE,
    status TEXT NOT NULL,          -- proposed | approved | applied | failed | rejected
    approved_by TEXT,
    applied_at TEXT,
    result TEXT,
    error TEXT);
  `,
  // 2: the audited write path (src/writes): what to apply, and when each transition happened.
  `
  ALTER TABLE crm_writes ADD COLUMN op TEXT;
  ALTER TABLE crm_writes ADD COLUMN change TEXT;          -- the validated CrmChange (JSON): what apply sends
  ALTER TABLE crm_writes ADD COLUMN source TEXT;          -- where it came from (an AE update id, a finding); part of the idempotency key
  ALTER TABLE crm_writes ADD COLUMN approved_at TEXT;
  ALTER TABLE crm_writes ADD COLUMN rejected_by TEXT;
  ALTER TABLE crm_writes ADD COLUMN rejected_at TEXT;
  ALTER TABLE crm_writes ADD COLUMN applying_at TEXT;     -- set before the request is sent
  ALTER TABLE crm_writes ADD COLUMN updated_at TEXT;
  -- status now: proposed | approved | applying | applied | failed | unknown | rejected
  CREATE INDEX crm_writes_status ON crm_writes (status, created_at);
  `,
  // 3: notifications (src/notify): per-item escalation episodes, snoozes and mutes, the durable outbox, one-tap links.
  `
  CREATE TABLE notify_episodes (
    owner_id TEXT NOT NULL,
    item_key TEXT NOT NULL,        -- deal:<id>
    started_day TEXT NOT NULL,     -- local day of the first nudge of this episode (ladder day 1)
    last_nudged_day TEXT,
    last_level INTEGER,
    manager_notified_day TEXT,
    closed_day TEXT,               -- null while open
    closed_reason TEXT,            -- acted | skipped | resolved
    PRIMARY KEY (owner_id, item_key, started_day));
  CREATE INDEX notify_episodes_open ON notify_episodes (owner_id, closed_day);
  CREATE TABLE notify_suppressions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id TEXT NOT NULL,
    item_key TEXT NOT NULL,
    kind TEXT NOT NULL,            -- snooze (the whole item until a time) | mute (one check on the item, until unmuted)
    check_name TEXT,
    reason TEXT,
    until TEXT,
    created_at TEXT NOT NULL,
    removed_at TEXT);
  CREATE TABLE notify_outbox (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,        -- whose items it is about
    day TEXT NOT NULL,
    audience TEXT NOT NULL,        -- ae | manager
    channel TEXT NOT NULL,         -- email | slack
    recipient TEXT NOT NULL,       -- an email address or a webhook name (never the webhook URL)
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    slack TEXT NOT NULL,
    model TEXT NOT NULL,           -- the digest model (JSON)
    status TEXT NOT NULL,          -- recorded | sending | sent | failed
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    sending_at TEXT,
    sent_at TEXT,
    error TEXT,
    UNIQUE (owner_id, day, audience));
  CREATE INDEX notify_outbox_status ON notify_outbox (status, created_at);
  CREATE TABLE notify_links (
    id TEXT PRIMARY KEY,
    nudge_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    deal_id TEXT NOT NULL,
    action TEXT NOT NULL,          -- update_stage | add_note | skip | ask_manager
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at TEXT,
    result TEXT);
  `,
  // 4: notifications: an outbox row is claimed by one sender (claimed_by) for a lease (lease_until): concurrent
  // senders never deliver the same message twice; a crashed sender's claim is taken over when its lease expires
  // or its process is gone.
  `
  ALTER TABLE notify_outbox ADD COLUMN claimed_by TEXT;   -- <host>:<pid>:<random> of the sender holding it
  ALTER TABLE notify_outbox ADD COLUMN lease_until TEXT;  -- the claim lapses after this instant
  `,
  // 5: notifications: what a one-tap link acts on beyond its deal (an accept_reminder link: the HubSpot task it adds).
  `
  ALTER TABLE notify_links ADD COLUMN payload TEXT;       -- JSON, or NULL
  `,
];
