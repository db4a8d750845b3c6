-- One statement (a DO block): the embedded database runs a migration file as a single prepared statement.
do $migration$
begin

-- The owner's progress on the checklist after a closure is approved (notice, archive, registration), as the
-- close-account facts. One row per account; kept after closing as the record of what was done.
create table closing_checklists (
  account_id text primary key references accounts (id),
  facts jsonb not null,
  updated_by text not null,
  updated_at timestamptz not null default now()
);

end
$migration$;
