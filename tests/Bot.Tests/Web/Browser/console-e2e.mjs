// Drives the staff console in headless Chromium (playwright-core, Debian's chromium) through the running service:
// the Jefe signs in with a one-time link and assigns a new ticket from «Pendientes»; the link used again is refused;
// the technician starts and resolves it from the request page (a second, stale tab gets Core's concurrency refusal);
// the requester signs in and closes it; she gets the Spanish 403 page on a staff page; a POST without the anti-forgery
// token is refused. Every page visited is checked with axe-core and at 375 px, and screenshotted.
// Usage: node console-e2e.mjs <config.json>  (base, chromium, playwright, axe, artifacts, number, links{jefe,tecnico,ana,admin})
// Prints one JSON line {ok, step, error, pages:[{name, status, violations, scrollWidth, viewport}], checks:{...}}.
import { createRequire } from 'node:module';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { chromium: launcher } = createRequire(join(config.playwright, 'package.json'))('playwright-core');
const axeSource = readFileSync(config.axe, 'utf8');
const base = new URL(config.base);
mkdirSync(config.artifacts, { recursive: true });
const pages = [];
const checks = {};
let step = 'launch';
let browser;

async function newContext() {
  // bypassCSP: axe-core is injected as an inline script, which the console's Content-Security-Policy forbids.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-GT', bypassCSP: true });
  // Offline: only the service itself is reachable.
  await context.route('**/*', route => new URL(route.request().url()).host === base.host ? route.continue() : route.abort());
  return context;
}

// axe-core (serious and critical violations only), then the same page at 375 px: its width and a screenshot.
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

async function signIn(context, link, name) {
  const page = await context.newPage();
  await page.goto(link);
  await audit(page, `${name}-entrar`);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL(u => new URL(u).pathname === '/');
  return page;
}

async function act(page, label, fill) {
  const form = page.getByRole('form', { name: label });
  if (fill) {
    await fill(form);
  }
  await form.getByRole('button', { name: label }).click();
  await page.getByText(`Listo: ${label}.`).waitFor({ timeout: 15000 });
}

try {
  browser = await launcher.launch({
    executablePath: config.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });

  step = 'jefe: sign in and see the ticket in Pendientes';
  const jefe = await newContext();
  let page = await signIn(jefe, config.links.jefe, 'jefe');
  await page.getByRole('heading', { name: 'Pendientes', level: 1 }).waitFor();
  await page.getByRole('link', { name: new RegExp(config.number) }).waitFor();
  checks.jefeSeesTicket = true;
  await page.keyboard.press('Tab');
  checks.firstTab = await page.evaluate(() => document.activeElement?.textContent?.trim());
  await audit(page, 'jefe-pendientes');

  step = 'jefe: assign from the request page';
  await page.getByRole('link', { name: new RegExp(config.number) }).click();
  await page.getByRole('heading', { name: new RegExp(config.number), level: 1 }).waitFor();
  await audit(page, 'jefe-solicitud');
  await act(page, 'Asignar técnico', form => form.getByLabel('Técnico de Hardware y Software').selectOption({ label: 'Tito López' }));
  checks.assigned = (await page.locator('dl.datos').innerText()).includes('Asignado');

  step = 'jefe: Solicitudes, search, Avisos and Nueva solicitud from the navigation';
  await page.getByRole('navigation').getByRole('link', { name: 'Solicitudes', exact: true }).click();
  await page.getByRole('heading', { name: 'Solicitudes', level: 1 }).waitFor();
  await page.getByLabel('Número o palabras del título').fill('IMPRESORA');
  await page.getByRole('button', { name: 'Filtrar' }).click();
  await page.getByRole('link', { name: new RegExp(config.number) }).waitFor();
  checks.searchByWords = true;
  await audit(page, 'jefe-solicitudes');
  await page.getByRole('navigation').getByRole('link', { name: 'Avisos no entregados' }).click();
  await page.getByRole('heading', { name: 'Avisos no entregados', level: 1 }).waitFor();
  await audit(page, 'jefe-avisos');
  await page.getByRole('navigation').getByRole('link', { name: 'Correo en cuarentena' }).click();
  await page.getByRole('heading', { name: 'Correo en cuarentena', level: 1 }).waitFor();
  await audit(page, 'jefe-cuarentena');
  checks.jefeSeesAdminLink = await page.getByRole('navigation').getByRole('link', { name: 'Administración' }).count();
  await page.getByRole('navigation').getByRole('link', { name: 'Nueva solicitud' }).click();
  await page.getByRole('heading', { name: 'Nueva solicitud', level: 1 }).waitFor();
  await audit(page, 'jefe-nueva');
  await page.getByRole('button', { name: 'Salir' }).click();
  await page.getByText('Salió de la consola.').waitFor();
  checks.signedOut = true;

  step = 'the Jefe\'s link used a second time';
  const again = await newContext();
  const reused = await again.newPage();
  await reused.goto(config.links.jefe);
  const [refusal] = await Promise.all([
    reused.waitForResponse(r => r.request().method() === 'POST'),
    reused.getByRole('button', { name: 'Entrar' }).click(),
  ]);
  await reused.getByText('ya se usó').waitFor();
  checks.reusedLinkStatus = refusal.status();
  await audit(reused, 'enlace-usado');
  checks.reusedLinkPath = new URL(reused.url()).pathname;

  step = 'técnico: start and resolve; a stale tab is refused';
  const tecnico = await newContext();
  page = await signIn(tecnico, config.links.tecnico, 'tecnico');
  await page.getByRole('link', { name: new RegExp(config.number) }).click();
  await page.getByRole('heading', { name: new RegExp(config.number), level: 1 }).waitFor();
  const stale = await tecnico.newPage();
  await stale.goto(page.url());
  await act(page, 'Iniciar la atención');
  await stale.getByRole('form', { name: 'Iniciar la atención' }).getByRole('button', { name: 'Iniciar la atención' }).click();
  await stale.getByRole('alert').waitFor();
  checks.staleMessage = await stale.getByRole('alert').innerText();
  await audit(stale, 'tecnico-conflicto');
  await act(page, 'Marcar como resuelto', form => form.getByLabel('La solución aplicada').fill('Se reinstaló el controlador de la impresora.'));
  await audit(page, 'tecnico-solicitud');

  step = 'requester: sign in, close it';
  const ana = await newContext();
  page = await signIn(ana, config.links.ana, 'ana');
  await page.getByRole('link', { name: new RegExp(config.number) }).click();
  await act(page, 'Cerrar el ticket');
  checks.closedState = (await page.locator('dl.datos').innerText()).includes('Cerrado');
  checks.anaSeesAvisosLink = await page.getByRole('link', { name: 'Avisos no entregados' }).count();
  await audit(page, 'ana-solicitud');

  step = 'requester: staff page and a POST without token';
  const forbidden = await page.goto(new URL('/avisos', base).toString());
  checks.staffPageStatus = forbidden.status();
  checks.staffPageText = await page.getByRole('alert').innerText();
  await audit(page, 'ana-prohibido');
  const post = await ana.request.post(new URL(`/solicitudes/${config.number}?handler=Comentar`, base).toString(),
    { form: { texto: 'sin token' }, maxRedirects: 0 });
  checks.postWithoutTokenStatus = post.status();

  step = 'administrator: Administración from the navigation, a person\'s form opened; Solicitudes with the export';
  const admin = await newContext();
  page = await signIn(admin, config.links.admin, 'admin');
  await page.getByRole('navigation').getByRole('link', { name: 'Administración' }).click();
  await page.getByRole('heading', { name: 'Administración', level: 1 }).waitFor();
  await page.locator('details > summary').first().click();
  await page.locator('details[open] form').first().waitFor();
  checks.adminPeopleForms = await page.locator('details').count();
  await audit(page, 'admin-administracion');
  await page.getByRole('navigation').getByRole('link', { name: 'Solicitudes', exact: true }).click();
  await page.getByLabel('Número o palabras del título').fill('impresora segundo');
  await page.getByLabel('Ordenar por').selectOption('apertura');
  await page.getByRole('button', { name: 'Filtrar' }).click();
  await page.getByRole('link', { name: new RegExp(config.number) }).waitFor();
  checks.adminExportLinks = await page.getByRole('link', { name: 'Exportar a Excel estas solicitudes' }).count();
  await audit(page, 'admin-solicitudes');

  console.log(JSON.stringify({ ok: true, step, pages, checks }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, step, error: String(e?.message ?? e).split('\n').slice(0, 3).join(' '), pages, checks }));
  process.exitCode = 1;
} finally {
  await browser?.close();
}
