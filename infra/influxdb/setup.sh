#!/bin/sh
# Sets up a running InfluxDB 2.x for AlgoTrader outside Docker (or re-checks one): org, bucket
# with retention, an all-access token for the services, and the DBRP mapping Grafana's InfluxQL
# queries need. Idempotent. Requires the `influx` CLI (2.x).
#
#   INFLUX_URL=http://127.0.0.1:8086 INFLUX_USER=admin INFLUX_PASSWORD=... \
#   INFLUX_ORG=algotrader INFLUX_BUCKET=algotrader INFLUX_RETENTION=90d \
#   INFLUX_TOKEN=<token to create> sh infra/influxdb/setup.sh
set -eu

url="${INFLUX_URL:-http://127.0.0.1:8086}"
org="${INFLUX_ORG:-algotrader}"
bucket="${INFLUX_BUCKET:-algotrader}"
retention="${INFLUX_RETENTION:-90d}"
db="${INFLUX_DB:-$bucket}"
token="${INFLUX_TOKEN:?set INFLUX_TOKEN to the API token the services and Grafana will use}"

# First start: `influx setup` creates the user, org, bucket (with retention) and the operator token.
if influx ping --host "$url" >/dev/null 2>&1 && ! influx org list --host "$url" --token "$token" >/dev/null 2>&1; then
  influx setup --host "$url" --force \
    --username "${INFLUX_USER:?set INFLUX_USER for the first setup}" \
    --password "${INFLUX_PASSWORD:?set INFLUX_PASSWORD for the first setup}" \
    --org "$org" --bucket "$bucket" --retention "$retention" --token "$token"
fi

export INFLUX_HOST="$url" INFLUX_TOKEN="$token"

if ! influx bucket list --org "$org" --name "$bucket" --hide-headers 2>/dev/null | grep -q .; then
  influx bucket create --org "$org" --name "$bucket" --retention "$retention"
else
  influx bucket update --id "$(influx bucket list --org "$org" --name "$bucket" --hide-headers | awk '{print $1}')" \
    --retention "$retention" >/dev/null
fi
bucket_id="$(influx bucket list --org "$org" --name "$bucket" --hide-headers | awk '{print $1}')"

if influx v1 dbrp list --org "$org" --db "$db" --hide-headers 2>/dev/null | grep -q .; then
  echo "DBRP mapping for database $db exists"
else
  influx v1 dbrp create --org "$org" --bucket-id "$bucket_id" --db "$db" --rp autogen --default
fi
echo "InfluxDB ready: org $org, bucket $bucket ($bucket_id, retention $retention), InfluxQL database $db"
