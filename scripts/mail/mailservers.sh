#!/usr/bin/env bash
# Installs (when missing) and starts a private Dovecot (IMAP + LMTP) and Postfix (SMTP → LMTP → Dovecot) on
# loopback, where every address of sosep.test and otro.test exists. Sourced by scripts/test-env/10-mail.sh and by
# scripts/mail-servers.sh (local trial). Defines mail_servers_start DIR PORT_BASE and mail_servers_stop DIR.
# Ports: IMAP = base, SMTP = base+1, LMTP = base+2. Everybody's password is "secreto".

mail_servers_install() {
  if command -v dovecot >/dev/null 2>&1 && [ -x /usr/sbin/postfix ] && [ -e /usr/lib/dovecot/lmtp ]; then
    return 0
  fi
  echo "installing dovecot-imapd, dovecot-lmtpd, postfix" >&2
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q dovecot-imapd dovecot-lmtpd postfix >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 || true
    apt-get install -y -q dovecot-imapd dovecot-lmtpd postfix >/dev/null 2>&1 || return 1
  fi
  # The packages may have started system instances: stop them, ours are private.
  (service dovecot stop; service postfix stop) >/dev/null 2>&1 || true
}

mail_servers_start() {
  local dir=$1 base=$2
  local imap=$base smtp=$((base + 1)) lmtp=$((base + 2))
  mail_servers_stop "$dir"
  rm -rf "$dir"; mkdir -p "$dir/base" "$dir/state" "$dir/mail" "$dir/postfix/queue" "$dir/postfix/data"
  chown nobody:nogroup "$dir/mail"
  chmod 755 "$dir"
  cat >"$dir/dovecot.conf" <<CONF
base_dir = $dir/base
state_dir = $dir/state
log_path = $dir/dovecot.log
listen = 127.0.0.1
protocols = imap lmtp
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 0
mail_location = maildir:$dir/mail/%d/%n
namespace inbox {
  inbox = yes
  separator = .
}
# Every address of the test domains exists and signs in with the test password, so that each test
# uses mailboxes of its own (helpdesk-<random>@sosep.test) and tests never see each other's mail.
passdb {
  driver = static
  args = password=secreto
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$dir/mail/%d/%n
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $lmtp
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
protocol lmtp {
  postmaster_address = postmaster@sosep.test
}
CONF
  cat >"$dir/postfix/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/postfix/queue
data_directory = $dir/postfix/data
maillog_file = $dir/postfix.log
maillog_file_prefixes = $dir
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mail.sosep.test
mydomain = sosep.test
mydestination =
mynetworks = 127.0.0.0/8
relay_domains =
virtual_mailbox_domains = sosep.test otro.test
virtual_transport = lmtp:inet:127.0.0.1:$lmtp
smtpd_relay_restrictions = permit_mynetworks, reject
smtputf8_enable = no
message_size_limit = 52428800
default_destination_concurrency_limit = 10
lmtp_destination_concurrency_limit = 10
CONF
  cat >"$dir/postfix/master.cf" <<CONF
127.0.0.1:$smtp inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
CONF
  chown postfix "$dir/postfix/data"
  touch -d "1 hour ago" "$dir/postfix/main.cf" "$dir/postfix/master.cf"
  dovecot -c "$dir/dovecot.conf" </dev/null >/dev/null 2>&1 || { cat "$dir/dovecot.log" >&2 2>/dev/null; return 1; }
  postfix -c "$dir/postfix" start </dev/null >/dev/null 2>&1 || { cat "$dir/postfix.log" >&2 2>/dev/null; return 1; }
  local i
  for i in $(seq 1 50); do
    if (exec 3<>/dev/tcp/127.0.0.1/$imap) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/$smtp) 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "the mail servers did not start; see $dir/dovecot.log and $dir/postfix.log" >&2
  return 1
}

mail_servers_stop() {
  local dir=$1
  [ -d "$dir" ] || return 0
  if [ -f "$dir/postfix/main.cf" ]; then postfix -c "$dir/postfix" stop >/dev/null 2>&1 || true; fi
  if [ -f "$dir/base/master.pid" ]; then
    local pid i
    pid=$(cat "$dir/base/master.pid")
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$dir/base/master.pid"
  fi
  return 0
}
