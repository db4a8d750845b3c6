-- Decision log: every decision the bot or the CLI makes, append-only and hash-chained.
-- Each entry's hash covers its content and the previous entry's hash, so a changed, removed or reordered
-- entry breaks the chain (see src/decisions/log-verify.ts). The head row records the end of the chain,
-- so that removing the newest entries is detected too.
create table decision_log (
  id bigserial primary key,
  decision_id uuid not null unique,
  at timestamptz not null,
  decision text not null,
  pack text not null,
  pack_version text not null,
  facts jsonb not null,
  outcome text not null,
  rules jsonb not null,
  actor text not null,
  conversation_id text,
  prev_hash text not null,
  hash text not null unique
);

create index decision_log_at on decision_log (at);

create table decision_log_head (
  singleton boolean primary key default true check (singleton),
  entries bigint not null,
  last_id bigint,
  last_hash text not null
);

insert into decision_log_head (entries, last_id, last_hash) values (0, null, repeat('0', 64));

create function decision_log_append_only() returns trigger language plpgsql as $fn$
begin
  raise exception 'decision_log is append-only: % is not allowed', tg_op using errcode = '42501';
end
$fn$;

create trigger decision_log_no_update before update or delete on decision_log
  for each row execute function decision_log_append_only();

create trigger decision_log_no_truncate before truncate on decision_log
  for each statement execute function decision_log_append_only();

create function decision_log_head_forward_only() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'DELETE' or new.entries < old.entries then
    raise exception 'decision_log_head only moves forward' using errcode = '42501';
  end if;
  return new;
end
$fn$;

create trigger decision_log_head_guard before update or delete on decision_log_head
  for each row execute function decision_log_head_forward_only();
