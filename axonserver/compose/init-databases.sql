-- One database per service that keeps its data in PostgreSQL; each service owns its own and no
-- service reads another's. (The services also create their database when missing, given the right.)
CREATE DATABASE command;
CREATE DATABASE relational;
