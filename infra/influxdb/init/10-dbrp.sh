#!/bin/sh
# InfluxDB 2.x first-start initialisation for AlgoTrader, run by the influxdb:2 image from
# /docker-entrypoint-initdb.d after its own setup (DOCKER_INFLUXDB_INIT_MODE=setup), which already
# created the org, the bucket with its retention and the admin token from:
#   DOCKER_INFLUXDB_INIT_ORG, DOCKER_INFLUXDB_INIT_BUCKET, DOCKER_INFLUXDB_INIT_RETENTION,
#   DOCKER_INFLUXDB_INIT_ADMIN_TOKEN (and _USERNAME / _PASSWORD).
# This script adds what the Grafana dashboards need: the DBRP mapping, so that InfluxQL queries
# against database $INFLUX_DB (default: the bucket's name) and policy autogen read the bucket.
# Idempotent: an existing mapping is left alone.
set -eu

org="${DOCKER_INFLUXDB_INIT_ORG:?}"
bucket="${DOCKER_INFLUXDB_INIT_BUCKET:?}"
db="${INFLUX_DB:-$bucket}"
bucket_id="${DOCKER_INFLUXDB_INIT_BUCKET_ID:-}"

if [ -z "$bucket_id" ]; then
  bucket_id="$(influx bucket list --org "$org" --name "$bucket" --hide-headers | awk '{print $1}')"
fi

if influx v1 dbrp list --org "$org" --db "$db" --hide-headers 2>/dev/null | grep -q .; then
  echo "algotrader: DBRP mapping for database $db exists"
else
  influx v1 dbrp create --org "$org" --bucket-id "$bucket_id" --db "$db" --rp autogen --default
  echo "algotrader: mapped InfluxQL database $db (policy autogen) to bucket $bucket ($bucket_id)"
fi
