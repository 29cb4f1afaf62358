// «Entrar con Microsoft» in headless Chromium (playwright-core, Debian's chromium) through the running service and a
// loopback OpenID Connect stand-in: the IT director signs in with Microsoft, mails a sign-in link from «Enviar enlace de
// acceso», opens «Tareas programadas» (the Hangfire dashboard) from the navigation, and an unknown address answers the
// Spanish 404 page. Console pages are checked with axe-core and at 375 px, and screenshotted.
// Usage: node entra-e2e.mjs <config.json>  (base, idp, chromium, playwright, axe, artifacts, person)
// Prints one JSON line {ok, step, error, pages:[{name, violations, scrollWidth, viewport}], checks:{...}}.
import { createRequire } from 'node:module';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { chromium: launcher } = createRequire(join(config.playwright, 'package.json'))('playwright-core');
const axeSource = readFileSync(config.axe, 'utf8');
const base = new URL(config.base);
const allowed = new Set([base.host, new URL(config.idp).host]);
mkdirSync(config.artifacts, { recursive: true });
const pages = [];
const checks = {};
let step = 'launch';
let browser;

async function audit(page, name) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }));
  });
  await page.screenshot({ path: join(config.artifacts, `${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  const [scrollWidth, viewport] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  await page.screenshot({ path: join(config.artifacts, `${name}-375.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  pages.push({ name, url: page.url(), violations, scrollWidth, viewport });
}

try {
  browser = await launcher.launch({
    executablePath: config.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-GT', bypassCSP: true });
  // Offline: only the service and the sign-in stand-in are reachable.
  await context.route('**/*', route => allowed.has(new URL(route.request().url()).host) ? route.continue() : route.abort());
  const page = await context.newPage();

  step = 'director: «Entrar con Microsoft»';
  await page.goto(new URL('/entrar', base).toString());
  await audit(page, 'entra-entrar');
  await page.getByRole('link', { name: 'Entrar con Microsoft' }).click();
  await page.waitForURL(u => new URL(u).host === base.host && new URL(u).pathname === '/');
  await page.getByRole('heading', { name: 'Pendientes', level: 1 }).waitFor();
  checks.signedInAs = (await page.locator('li.quien').innerText()).trim();
  await audit(page, 'entra-pendientes');

  step = 'director: mail a sign-in link';
  await page.getByRole('navigation').getByRole('link', { name: 'Enviar enlace de acceso' }).click();
  await page.getByRole('heading', { name: 'Enviar enlace de acceso', level: 1 }).waitFor();
  await page.getByLabel('Nombre o correo').fill(config.person);
  await page.getByRole('button', { name: 'Buscar' }).click();
  await page.getByRole('button', { name: `Enviar enlace de acceso a ${config.person}` }).click();
  checks.mailed = (await page.getByRole('status').innerText()).trim();
  await audit(page, 'entra-enviar-enlace');

  step = 'director: «Tareas programadas»';
  const [dashboard] = await Promise.all([
    page.waitForResponse(r => new URL(r.url()).pathname === '/hangfire'),
    page.getByRole('navigation').getByRole('link', { name: 'Tareas programadas' }).click(),
  ]);
  checks.dashboardStatus = dashboard.status();
  await page.screenshot({ path: join(config.artifacts, 'entra-tablero-hangfire.png') });

  step = 'an unknown address';
  const missing = await page.goto(new URL('/no-existe', base).toString());
  checks.notFoundStatus = missing.status();
  checks.notFoundTitle = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  await audit(page, 'no-encontrado');

  console.log(JSON.stringify({ ok: true, step, pages, checks }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, step, error: String(e?.message ?? e).split('\n').slice(0, 3).join(' '), pages, checks }));
  process.exitCode = 1;
} finally {
  await browser?.close();
}
