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
];
