#!/usr/bin/env bash
# Sourced by scripts/test.sh: a private Dovecot + Postfix on loopback for the mailbox tests.
# Exports SOSEPBOT_TEST_IMAP_PORT, SOSEPBOT_TEST_SMTP_PORT, SOSEPBOT_TEST_MAIL_DOMAIN, SOSEPBOT_TEST_MAIL_PASSWORD.
# shellcheck source=../mail/mailservers.sh
source "$(dirname "${BASH_SOURCE[0]}")/../mail/mailservers.sh"
mail_servers_install || { echo "could not install dovecot/postfix" >&2; return 1; }
_mail_dir="$SOSEPBOT_TEST_RUN_DIR/mail"
_mail_base=${SOSEPBOT_TEST_MAIL_PORT_BASE:-42140}
mail_servers_start "$_mail_dir" "$_mail_base" || return 1
on_exit "mail_servers_stop '$_mail_dir'"
export SOSEPBOT_TEST_IMAP_PORT=$_mail_base
export SOSEPBOT_TEST_SMTP_PORT=$((_mail_base + 1))
export SOSEPBOT_TEST_MAIL_DOMAIN=sosep.test
export SOSEPBOT_TEST_MAIL_PASSWORD=secreto
echo "mail: IMAP 127.0.0.1:$SOSEPBOT_TEST_IMAP_PORT, SMTP 127.0.0.1:$SOSEPBOT_TEST_SMTP_PORT (users *@sosep.test, *@otro.test)"
