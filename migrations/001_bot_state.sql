-- Bot Framework storage (teams-ai TurnState): one JSON document per key, versioned for optimistic concurrency.
create table bot_state (
  key text primary key,
  value jsonb not null,
  etag bigint not null default 1,
  updated_at timestamptz not null default now()
);
