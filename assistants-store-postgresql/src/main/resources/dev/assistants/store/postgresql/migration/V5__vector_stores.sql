-- Vector stores, their files and file batches, as jsonb bodies like the other objects', and the
-- chunks of their files: text ranked by PostgreSQL's full-text search (English configuration). A
-- file of a vector store is kept by its vector store's ID and its file's ("vs_.../file-...").
-- The vectors of chunks come with pgvector, where it is installed (PostgresStore.migrate).

create table vector_stores (
	id text primary key,
	project text not null,
	created_at bigint not null,
	seq bigint generated always as identity,
	body jsonb not null
);
create index vector_stores_by_project on vector_stores (project, seq);

create table vector_store_files (
	id text primary key,
	project text not null,
	vector_store_id text not null references vector_stores (id) on delete cascade,
	file_id text not null,
	status text not null,
	batch_id text,
	ingest_until bigint,
	created_at bigint not null,
	seq bigint generated always as identity,
	body jsonb not null
);
create index vector_store_files_by_store on vector_store_files (vector_store_id, seq);
create index vector_store_files_by_file on vector_store_files (file_id);
create index vector_store_files_by_batch on vector_store_files (batch_id, seq) where batch_id is not null;
-- the files waiting to be ingested, for the engines that ingest them
create index vector_store_files_to_ingest on vector_store_files (ingest_until) where status = 'in_progress';

create table vector_store_file_batches (
	id text primary key,
	project text not null,
	vector_store_id text not null references vector_stores (id) on delete cascade,
	created_at bigint not null,
	seq bigint generated always as identity,
	body jsonb not null
);
create index vector_store_file_batches_by_store on vector_store_file_batches (vector_store_id, seq);

create table vector_store_chunks (
	project text not null,
	vector_store_id text not null references vector_stores (id) on delete cascade,
	file_id text not null,
	chunk_index integer not null,
	text text not null,
	words tsvector generated always as (to_tsvector('english', text)) stored,
	embedding_model text,
	embedding_dimensions integer,
	primary key (vector_store_id, file_id, chunk_index)
);
create index vector_store_chunks_words on vector_store_chunks using gin (words);
