-- When a pending upload expires, as a column under a partial index, so that the sweep that deletes
-- the parts of expired uploads reads those due and no other; set only while an upload is pending.
alter table uploads add column expires_at bigint;
update uploads set expires_at = (body ->> 'expires_at')::bigint where body ->> 'status' = 'pending';
create index uploads_by_expiry on uploads (expires_at) where expires_at is not null;
