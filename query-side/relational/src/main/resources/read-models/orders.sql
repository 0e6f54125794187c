-- The tables of one generation of the orders read model, created in that generation's schema
-- (the search_path names it). Generation 1 came from db/migration V2 and V3; keep the two in step.
-- No foreign keys from lines and status changes to their order: the projection is the only writer and
-- writes an order's row in the same batch as its children, and the per-row check a foreign key costs
-- (a lookup and a row lock in the order table for every line and status change) was the largest part
-- of a rebuild's time in the database (V4 dropped them from the generations that had them).
CREATE TABLE customer_order (
    order_id       VARCHAR(64) NOT NULL PRIMARY KEY,
    customer_id    VARCHAR(64) NOT NULL,
    status         VARCHAR(16) NOT NULL,
    total_minor    BIGINT,
    total_currency CHAR(3),
    reason         TEXT,
    placed_at      TIMESTAMPTZ NOT NULL,
    version        BIGINT      NOT NULL
);

CREATE INDEX customer_order_history ON customer_order (customer_id, placed_at DESC, order_id DESC);
CREATE INDEX customer_order_history_by_status ON customer_order (customer_id, status, placed_at DESC, order_id DESC);

CREATE TABLE order_line (
    order_id            VARCHAR(64) NOT NULL,
    line_no             INTEGER     NOT NULL,
    product_id          VARCHAR(64) NOT NULL,
    quantity            INTEGER     NOT NULL,
    unit_price_minor    BIGINT,
    unit_price_currency CHAR(3),
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE order_status_change (
    order_id   VARCHAR(64) NOT NULL,
    step       INTEGER     NOT NULL,
    status     VARCHAR(16) NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    reason     TEXT,
    PRIMARY KEY (order_id, step)
);
