-- The tables of one generation of the orders read model, created in that generation's schema
-- (the search_path names it). Generation 1 came from db/migration V2 and V3; keep the two in step.
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
    order_id            VARCHAR(64) NOT NULL REFERENCES customer_order (order_id) ON DELETE CASCADE,
    line_no             INTEGER     NOT NULL,
    product_id          VARCHAR(64) NOT NULL,
    quantity            INTEGER     NOT NULL,
    unit_price_minor    BIGINT,
    unit_price_currency CHAR(3),
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE order_status_change (
    order_id   VARCHAR(64) NOT NULL REFERENCES customer_order (order_id) ON DELETE CASCADE,
    step       INTEGER     NOT NULL,
    status     VARCHAR(16) NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    reason     TEXT,
    PRIMARY KEY (order_id, step)
);
