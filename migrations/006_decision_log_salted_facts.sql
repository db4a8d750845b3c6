-- Decision log, chain version 2: the chain commits to each entry's facts by a salted hash (facts_hash =
-- sha256(salt || facts)), and the facts with their salt live in decision_log_facts, where one entry's can be
-- erased (GDPR) without breaking the chain (see src/decisions/log-entry.ts and log-erase.ts).
--
-- Carrying an existing chain over ("re-anchoring"): version-1 hashes cover the facts themselves, so an erased
-- version-1 entry could never be verified again. This migration therefore gives every existing entry a salt and
-- a facts hash and recomputes the chain under version 2 from the first entry, in id order. Each entry keeps its
-- version-1 hash in legacy_hash, and decision_log_anchor records the version-1 head next to the new head, so
-- `log:verify` still checks every legacy entry whose facts are present against its old hash and the old head:
-- a chain that was tampered with before the migration is not laundered by it.
-- The version-2 entry hash below is the same canonical JSON that entryHash() in log-entry.ts builds.

create table decision_log_facts (
  decision_id uuid primary key,
  salt text not null,
  -- The JSON text exactly as hashed.
  facts text not null
);

-- One row per erased entry: an entry without facts and without a row here is a verify failure.
create table decision_log_erasures (
  decision_id uuid primary key,
  erased_at timestamptz not null default now()
);

create table decision_log_anchor (
  singleton boolean primary key default true check (singleton),
  migrated_at timestamptz not null default now(),
  entries bigint not null,
  legacy_head_hash text not null,
  head_hash text not null
);

alter table decision_log add column facts_hash text, add column legacy_hash text;

alter table decision_log disable trigger decision_log_no_update;
alter table decision_log_head disable trigger decision_log_head_guard;

do $migrate$
declare
  r record;
  prev text := repeat('0', 64);
  salt text;
  facts_text text;
  fh text;
  h text;
  n bigint := 0;
  legacy_head text;
  rules_text text;
begin
  select last_hash into legacy_head from decision_log_head where singleton;
  for r in select * from decision_log order by id loop
    salt := replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '');
    facts_text := r.facts::text;
    fh := encode(sha256(convert_to(salt || facts_text, 'UTF8')), 'hex');
    select coalesce('[' || string_agg(to_json(e)::text, ',' order by o) || ']', '[]') into rules_text
      from jsonb_array_elements_text(r.rules) with ordinality as x(e, o);
    h := encode(sha256(convert_to(
      '{"actor":' || to_json(r.actor)::text ||
      ',"at":' || to_json(to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text ||
      ',"conversationId":' || coalesce(to_json(r.conversation_id)::text, 'null') ||
      ',"decision":' || to_json(r.decision)::text ||
      ',"decisionId":' || to_json(r.decision_id::text)::text ||
      ',"factsHash":' || to_json(fh)::text ||
      ',"outcome":' || to_json(r.outcome)::text ||
      ',"pack":' || to_json(r.pack)::text ||
      ',"packVersion":' || to_json(r.pack_version)::text ||
      ',"prevHash":' || to_json(prev)::text ||
      ',"rules":' || rules_text ||
      ',"v":2}', 'UTF8')), 'hex');
    insert into decision_log_facts (decision_id, salt, facts) values (r.decision_id, salt, facts_text);
    update decision_log set facts_hash = fh, legacy_hash = r.hash, prev_hash = prev, hash = h where id = r.id;
    prev := h;
    n := n + 1;
  end loop;
  if n > 0 then
    update decision_log_head set last_hash = prev where singleton;
    insert into decision_log_anchor (entries, legacy_head_hash, head_hash) values (n, coalesce(legacy_head, ''), prev);
  end if;
end
$migrate$;

alter table decision_log drop column facts;
alter table decision_log alter column facts_hash set not null;

alter table decision_log enable trigger decision_log_no_update;
alter table decision_log_head enable trigger decision_log_head_guard;

create function decision_log_guard() returns trigger language plpgsql as $fn$
begin
  raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = '42501';
end
$fn$;

create trigger decision_log_erasures_no_change before update or delete on decision_log_erasures
  for each row execute function decision_log_guard();
create trigger decision_log_anchor_no_change before update or delete on decision_log_anchor
  for each row execute function decision_log_guard();

-- Facts are never changed, and removed only for an entry recorded as erased (in the same transaction).
create function decision_log_facts_erase_only() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'UPDATE' then
    raise exception 'decision_log_facts cannot be changed' using errcode = '42501';
  end if;
  if not exists (select 1 from decision_log_erasures where decision_id = old.decision_id) then
    raise exception 'decision_log_facts are removed only by an erasure (npm run log:erase)' using errcode = '42501';
  end if;
  return old;
end
$fn$;

create trigger decision_log_facts_guard before update or delete on decision_log_facts
  for each row execute function decision_log_facts_erase_only();
