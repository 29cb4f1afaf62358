#!/usr/bin/env bash
# Runs SosepBot on its embedded default (SQLite in src/Bot/data/, no server to install),
# listening on http://127.0.0.1:3978. Extra arguments are passed on as configuration,
# e.g. scripts/run.sh --Urls http://127.0.0.1:5080
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project src/Bot -c Release -- "$@"
