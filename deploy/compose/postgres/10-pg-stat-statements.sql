-- Runs once, when the data volume is initialised: the extension behind the "top statements"
-- section of /api/performance/stats (docs/monitoring.md, MON-8). The library itself is loaded by
-- shared_preload_libraries in docker-compose.yml.
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
