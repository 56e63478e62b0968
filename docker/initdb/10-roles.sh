#!/bin/sh
# Run once by the postgres image when it initialises an empty volume (docs/deployment.md): the schema owner, which
# runs the migrations, and the app role, which owns nothing and so cannot disable the append-only triggers.
# POSTGRES_USER stays the bootstrap superuser, used for nothing else.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v db="$POSTGRES_DB" -v owner_pw="$POSTGRES_OWNER_PASSWORD" -v app_pw="$POSTGRES_APP_PASSWORD" <<'SQL'
CREATE ROLE audit_owner LOGIN PASSWORD :'owner_pw';
CREATE ROLE audit_app LOGIN PASSWORD :'app_pw';
ALTER DATABASE :"db" OWNER TO audit_owner;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO audit_app;
SQL
