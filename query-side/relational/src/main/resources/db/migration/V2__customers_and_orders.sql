-- The customer read model. version: the sequence number of the last event of the customer applied.
CREATE TABLE customer (
    customer_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    name          VARCHAR(255) NOT NULL,
    email         VARCHAR(254) NOT NULL,
    active        BOOLEAN      NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL,
    version       BIGINT       NOT NULL
);

-- Customers are listed by name.
CREATE INDEX customer_by_name ON customer (name, customer_id);

-- The order read model. total and the lines' unit prices are known once the order is confirmed;
-- reason is set for a rejected or cancelled order. version as for customers.
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

-- A customer's order history, newest first, with or without a status filter.
CREATE INDEX customer_order_history ON customer_order (customer_id, placed_at DESC, order_id DESC);
CREATE INDEX customer_order_history_by_status ON customer_order (customer_id, status, placed_at DESC, order_id DESC);

CREATE TABLE order_line (
    order_id            VARCHAR(64) NOT NULL REFERENCES customer_order (order_id) ON DELETE CASCADE,
    line_no             INTEGER     NOT NULL,
    product_id          VARCHAR(64) NOT NULL,
    quantity            INTEGER     NOT NULL,
    unit_price_minor    BIGINT,
    unit_price_currency CHAR(3),
    PRIMARY KEY (order_id, line_no)
);

-- Every status an order moved to, in order (step 0 is PLACED).
CREATE TABLE order_status_change (
    order_id   VARCHAR(64) NOT NULL REFERENCES customer_order (order_id) ON DELETE CASCADE,
    step       INTEGER     NOT NULL,
    status     VARCHAR(16) NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    reason     TEXT,
    PRIMARY KEY (order_id, step)
);
