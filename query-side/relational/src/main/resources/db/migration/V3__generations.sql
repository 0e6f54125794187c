-- Generations (issue 5): each read model lives in a schema of its own per generation, named
-- <read model>_g<generation> (customers_g1, orders_g1, ...), with the same tables inside. Queries read
-- the live generation; a rebuild fills the building one beside it and then switches the pointer.
CREATE TABLE read_model_generation (
    read_model VARCHAR(64) NOT NULL PRIMARY KEY,
    live       INTEGER     NOT NULL,
    building   INTEGER
);

-- The tables of V2 become generation 1, data and indexes included.
CREATE SCHEMA customers_g1;
ALTER TABLE customer SET SCHEMA customers_g1;

CREATE SCHEMA orders_g1;
ALTER TABLE customer_order SET SCHEMA orders_g1;
ALTER TABLE order_line SET SCHEMA orders_g1;
ALTER TABLE order_status_change SET SCHEMA orders_g1;

INSERT INTO read_model_generation (read_model, live, building) VALUES ('customers', 1, NULL), ('orders', 1, NULL);
