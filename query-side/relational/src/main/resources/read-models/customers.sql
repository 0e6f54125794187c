-- The tables of one generation of the customers read model, created in that generation's schema
-- (the search_path names it). Generation 1 came from db/migration V2 and V3; keep the two in step.
CREATE TABLE customer (
    customer_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    name          VARCHAR(255) NOT NULL,
    email         VARCHAR(254) NOT NULL,
    active        BOOLEAN      NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL,
    version       BIGINT       NOT NULL
);

CREATE INDEX customer_by_name ON customer (name, customer_id);
