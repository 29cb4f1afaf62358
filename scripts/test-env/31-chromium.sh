# Headless Chromium (Debian's chromium) driven by npm playwright-core, for the smoke test of the Agents Playground's
# web page (tests/Bot.Tests/Teams/PlaygroundBrowserTests.cs) and the staff console's end-to-end tests
# (tests/Bot.Tests/Web/ConsoleBrowserTests.cs, with npm axe-core). playwright-core downloads no browser of its own.
# Sourced by scripts/test.sh after 30-teams.sh: exports SOSEPBOT_TEST_CHROMIUM (the browser),
# SOSEPBOT_TEST_PLAYWRIGHT (the playwright-core package folder) and SOSEPBOT_TEST_AXE (axe-core's axe.min.js).
chromium_dir="$SOSEPBOT_TEST_RUN_DIR/chromium"
chromium_playwright_version="1.65.1"
chromium_package="$chromium_dir/node_modules/playwright-core"
chromium_axe_version="4.14.1"
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium"
  mkdir -p "$chromium_dir"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } \
      >"$chromium_dir/apt.log" 2>&1; then
    tail -20 "$chromium_dir/apt.log" >&2
    echo "31-chromium.sh: could not install chromium (see $chromium_dir/apt.log)" >&2
    return 1
  fi
fi
if ! grep -q "\"version\": \"$chromium_playwright_version\"" "$chromium_package/package.json" 2>/dev/null; then
  mkdir -p "$chromium_dir"
  ( cd "$chromium_dir" && { [ -f package.json ] || echo '{"name":"sosepbot-test-chromium","private":true}' > package.json; } &&
    npm install --no-audit --no-fund --loglevel=error "playwright-core@$chromium_playwright_version" ) >"$chromium_dir/npm.log" 2>&1 || {
    echo "31-chromium.sh: npm could not install playwright-core@$chromium_playwright_version; see $chromium_dir/npm.log" >&2
    return 1
  }
fi
if ! grep -q "\"version\": \"$chromium_axe_version\"" "$chromium_dir/node_modules/axe-core/package.json" 2>/dev/null; then
  ( cd "$chromium_dir" && npm install --no-audit --no-fund --loglevel=error "axe-core@$chromium_axe_version" ) >"$chromium_dir/npm-axe.log" 2>&1 || {
    echo "31-chromium.sh: npm could not install axe-core@$chromium_axe_version; see $chromium_dir/npm-axe.log" >&2
    return 1
  }
fi
SOSEPBOT_TEST_CHROMIUM="$(command -v chromium)"
export SOSEPBOT_TEST_CHROMIUM
export SOSEPBOT_TEST_PLAYWRIGHT="$chromium_package"
export SOSEPBOT_TEST_AXE="$chromium_dir/node_modules/axe-core/axe.min.js"
echo "Chromium $("$SOSEPBOT_TEST_CHROMIUM" --version 2>/dev/null | awk '{print $2}') and playwright-core $chromium_playwright_version ready"
unset chromium_dir chromium_playwright_version chromium_package chromium_axe_version
