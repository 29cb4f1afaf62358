// «Entrar con Microsoft» in headless Chromium (playwright-core, Debian's chromium) through the running service and a
// loopback OpenID Connect stand-in: the IT director signs in with Microsoft, mails a sign-in link from «Enviar enlace de
// acceso», opens «Tareas programadas» (the Hangfire dashboard) from the navigation, and an unknown address answers the
// Spanish 404 page. Console pages are checked with axe-core and at 375 px, and screenshotted.
// Usage: node entra-e2e.mjs <config.json>  (base, idp, chromium, playwright, axe, artifacts, person)
// Prints one JSON line {ok, step, error, pages:[{name, violations, scrollWidth, viewport}], checks:{...}}.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kit } from './browser-kit.mjs';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const base = new URL(config.base);
const { pages, launch, newContext, audit } = kit(config);
const checks = {};
let step = 'launch';
let browser;

try {
  browser = await launch();
  // Offline: only the service and the sign-in stand-in are reachable.
  const context = await newContext(browser, [base.host, new URL(config.idp).host]);
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
