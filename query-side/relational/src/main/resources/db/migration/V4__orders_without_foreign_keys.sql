-- Lines and status changes no longer carry a foreign key to their order (see read-models/orders.sql):
-- the per-row check was the largest part of a rebuild's time in the database. Dropped from every
-- generation of the orders read model that exists now.
DO $$
DECLARE
    generation RECORD;
BEGIN
    FOR generation IN SELECT nspname FROM pg_namespace WHERE nspname LIKE 'orders\_g%' LOOP
        EXECUTE format('ALTER TABLE %I.order_line DROP CONSTRAINT IF EXISTS order_line_order_id_fkey', generation.nspname);
        EXECUTE format('ALTER TABLE %I.order_status_change DROP CONSTRAINT IF EXISTS order_status_change_order_id_fkey',
                       generation.nspname);
    END LOOP;
END
$$;
