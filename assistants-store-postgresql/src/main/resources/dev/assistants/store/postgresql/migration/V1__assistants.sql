-- The Assistants API's objects: each kept whole as its JSON body (jsonb), with real columns for
-- what is queried. seq orders objects by creation (created_at has only seconds), so lists page by
-- keyset on it. Every query is confined to a project.

create table assistants (
	id text primary key,
	project text not null,
	created_at bigint not null,
	seq bigint generated always as identity,
	body jsonb not null
);
create index assistants_by_project on assistants (project, seq);

create table threads (
	id text primary key,
	project text not null,
	created_at bigint not null,
	seq bigint generated always as identity,
	body jsonb not null
);
create index threads_by_project on threads (project, seq);

create table messages (
	id text primary key,
	project text not null,
	thread_id text not null references threads (id) on delete cascade,
	run_id text,
	created_at bigint not null,
	seq bigint generated always as identity,
	body jsonb not null
);
create index messages_by_thread on messages (thread_id, seq);
create index messages_by_run on messages (run_id, seq) where run_id is not null;

create table runs (
	id text primary key,
	project text not null,
	thread_id text not null references threads (id) on delete cascade,
	assistant_id text not null,
	status text not null,
	created_at bigint not null,
	seq bigint generated always as identity,
	body jsonb not null
);
create index runs_by_thread on runs (thread_id, seq);
-- at most one run per thread that has not stopped: the store's own guard of the API's invariant
create unique index runs_one_active_per_thread on runs (thread_id)
	where status in ('queued', 'in_progress', 'requires_action', 'cancelling');
create index runs_active on runs (status)
	where status in ('queued', 'in_progress', 'requires_action', 'cancelling');

create table run_steps (
	id text primary key,
	project text not null,
	thread_id text not null,
	run_id text not null references runs (id) on delete cascade,
	status text not null,
	created_at bigint not null,
	seq bigint generated always as identity,
	body jsonb not null
);
create index run_steps_by_run on run_steps (run_id, seq);
