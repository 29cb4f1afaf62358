# Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground) for the Teams end-to-end tests.
# Installed into .test-run/teams when missing; the tests start one Playground per simulated Teams user
# (each on its own loopback port, pointed at the bot process they start) and stop it themselves.
# Sourced by scripts/test.sh: exports SOSEPBOT_TEST_PLAYGROUND (the Playground's cli.js).
teams_dir="$SOSEPBOT_TEST_RUN_DIR/teams"
teams_version="0.2.28"
teams_cli="$teams_dir/node_modules/@microsoft/m365agentsplayground/cli.js"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "30-teams.sh: Node.js and npm are needed for the Agents Playground (apt-get install nodejs npm)" >&2
  return 1
fi
if [ ! -f "$teams_cli" ] || ! grep -q "\"version\": \"$teams_version\"" "$teams_dir/node_modules/@microsoft/m365agentsplayground/package.json" 2>/dev/null; then
  mkdir -p "$teams_dir"
  ( cd "$teams_dir" && [ -f package.json ] || echo '{"name":"sosepbot-test-teams","private":true}' > package.json
    npm install --no-audit --no-fund --loglevel=error "@microsoft/m365agentsplayground@$teams_version" ) >"$teams_dir/npm.log" 2>&1 || {
    echo "30-teams.sh: npm could not install @microsoft/m365agentsplayground@$teams_version; see $teams_dir/npm.log" >&2
    return 1
  }
fi
export SOSEPBOT_TEST_PLAYGROUND="$teams_cli"
echo "Agents Playground $teams_version ready ($teams_cli)"
