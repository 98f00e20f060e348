-- Which engine executes a run, and until when unless it renews the lease: several servers on one
-- database share the runs through these, an expired lease marking a run whose server stopped.
alter table runs add column lease_owner text, add column lease_until timestamptz;
create index runs_to_take_over on runs (lease_until nulls first)
	where status in ('queued', 'in_progress', 'cancelling');
