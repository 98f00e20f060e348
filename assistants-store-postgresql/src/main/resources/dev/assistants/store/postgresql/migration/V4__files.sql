-- Files and uploads: their objects as jsonb bodies like the others', their bytes in file_contents,
-- in parts of at most a mebibyte each, so that a file is written and read as it streams.

create table files (
	id text primary key,
	project text not null,
	purpose text not null,
	expires_at bigint,
	created_at bigint not null,
	seq bigint generated always as identity,
	body jsonb not null
);
create index files_by_project on files (project, seq);
-- the files that expire, for the sweep that deletes them when they do
create index files_by_expiry on files (expires_at) where expires_at is not null;

create table uploads (
	id text primary key,
	project text not null,
	created_at bigint not null,
	seq bigint generated always as identity,
	body jsonb not null
);
create index uploads_by_project on uploads (project, seq);

create table file_contents (
	key text not null,
	part integer not null,
	data bytea not null,
	primary key (key, part)
);
