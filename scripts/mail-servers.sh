#!/usr/bin/env bash
# Local trial: starts the same private Dovecot + Postfix the tests use and leaves them running.
#   scripts/mail-servers.sh start [PORT_BASE]   (default 42240: IMAP 42240, SMTP 42241, LMTP 42242; the tests use 42140)
#   scripts/mail-servers.sh stop
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/mail/mailservers.sh
dir="$(pwd)/.mail-trial"
case "${1:-start}" in
  start)
    base=${2:-42240}
    mail_servers_install
    mail_servers_start "$dir" "$base"
    echo "IMAP 127.0.0.1:$base  SMTP 127.0.0.1:$((base + 1))  any address @sosep.test or @otro.test exists; password: secreto"
    echo "stop with: scripts/mail-servers.sh stop" ;;
  stop) mail_servers_stop "$dir" ;;
  *) echo "usage: $0 start [PORT_BASE] | stop" >&2; exit 2 ;;
esac
