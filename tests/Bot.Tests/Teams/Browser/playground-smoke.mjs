// Drives the Microsoft 365 Agents Playground's web page in headless Chromium (playwright-core, Debian's chromium):
// types a message in the compose box, sends it, and waits until the page shows the bot's answer; then presses a
// button of the card the bot sent and waits until the card shows what the press brought.
// Usage: node playground-smoke.mjs <playwright-core dir> <chromium> <playground url> <message> <expected> [<button> <expected after>]
// Prints one JSON line {ok, step, text} and exits 0 when every expectation appeared.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [playwrightDir, chromium, url, message, expected, button, expectedAfter] = process.argv.slice(2);
const { chromium: launcher } = createRequire(join(playwrightDir, 'package.json'))('playwright-core');
const profile = mkdtempSync(join(tmpdir(), 'sosepbot-chromium-'));
const page_origin = new URL(url);
let context;
let step = 'launch';
try {
  context = await launcher.launchPersistentContext(profile, {
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  // Offline: only the Playground itself (localhost / 127.0.0.1) is reachable.
  await context.route('**/*', route => {
    const host = new URL(route.request().url()).hostname;
    return host === page_origin.hostname || host === 'localhost' || host === '127.0.0.1' ? route.continue() : route.abort();
  });
  const page = context.pages()[0] ?? await context.newPage();
  step = 'open';
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30000 });
  const box = page.locator('[role=textbox]').first();
  await box.waitFor({ state: 'visible', timeout: 30000 });
  step = 'send';
  await box.click();
  await page.keyboard.type(message);
  await page.getByRole('button', { name: 'Send Message' }).first().click();
  step = 'answer';
  await page.getByText(expected, { exact: false }).first().waitFor({ state: 'visible', timeout: 30000 });
  if (button) {
    step = 'press';
    await page.getByRole('button', { name: button }).last().click();
    step = 'refreshed';
    await page.getByText(expectedAfter, { exact: false }).first().waitFor({ state: 'visible', timeout: 30000 });
  }

  console.log(JSON.stringify({ ok: true, step, text: (await page.locator('body').innerText()).slice(-20000) }));
} catch (e) {
  let text = '';
  try { text = (await context?.pages()[0]?.locator('body').innerText())?.slice(-20000) ?? ''; } catch { /* the page is gone */ }
  console.log(JSON.stringify({ ok: false, step, error: String(e?.message ?? e).split('\n')[0], text }));
  process.exitCode = 1;
} finally {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
}
