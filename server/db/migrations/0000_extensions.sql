-- pg_trgm: Chinese substring search (名称包含“消防”) through trigram GIN indexes; bundled with PGlite, contrib on PostgreSQL.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
