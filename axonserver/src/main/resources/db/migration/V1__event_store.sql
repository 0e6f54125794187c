-- The node's event store. Each Axon Server context has its own gapless global index, starting at 0.
-- Events and snapshots are kept as the serialized protobuf the client sent, plus the columns the
-- node searches by; the node never looks inside a payload.

create table event_context (
    id   serial primary key,
    name text   not null unique
);

create table event (
    context_id       integer not null references event_context (id),
    global_index     bigint  not null,
    aggregate_id     text,
    sequence_number  bigint,
    time_stamp       bigint  not null,
    payload_type     text    not null,
    payload_revision text    not null,
    data             bytea   not null,
    primary key (context_id, global_index)
);

-- Also the last line of defence against two events at one aggregate sequence number.
create unique index event_aggregate_sequence on event (context_id, aggregate_id, sequence_number)
    where aggregate_id is not null;

create table snapshot (
    context_id      integer not null references event_context (id),
    aggregate_id    text    not null,
    sequence_number bigint  not null,
    data            bytea   not null,
    primary key (context_id, aggregate_id, sequence_number)
);

insert into event_context (name) values ('default');
