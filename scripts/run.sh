#!/usr/bin/env bash
# Runs SosepBot on its embedded default (SQLite in src/Bot/data/, no server to install),
# listening on http://127.0.0.1:3978. Extra arguments are passed on as configuration,
# e.g. scripts/run.sh --Urls http://127.0.0.1:5080
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The PDFs (dictamen, forms) embed Debian's Liberation fonts; the service refuses to start without them.
if [ ! -d /usr/share/fonts/truetype/liberation2 ] && [ ! -d /usr/share/fonts/truetype/liberation ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing fonts-liberation2 (fonts of the generated PDFs)" >&2
    { apt-get install -y -qq fonts-liberation2 || { apt-get update -qq && apt-get install -y -qq fonts-liberation2; }; } >/dev/null 2>&1 \
      || echo "could not install fonts-liberation2; install it, or set Documents:FontFamily (see README, Documents)" >&2
  else
    echo "fonts-liberation2 is missing: sudo apt-get install fonts-liberation2 (see README, Documents)" >&2
  fi
fi
exec dotnet run --project src/Bot -c Release -- "$@"
