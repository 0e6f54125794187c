-- Axon's JDBC token store: where each of this service's processors (customers, orders) has got to in
-- the event stream, one row per segment. Kept in this database so that a batch's rows and its token
-- commit together.
CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);
