// Drives the staff console in headless Chromium (playwright-core, Debian's chromium) through the running service:
// the Jefe signs in with a one-time link and assigns a new ticket from «Pendientes»; the link used again is refused;
// the technician starts and resolves it from the request page (a second, stale tab gets Core's concurrency refusal);
// the requester signs in and closes it; she gets the Spanish 403 page on a staff page; a POST without the anti-forgery
// token is refused. Every page visited is checked with axe-core and at 375 px, and screenshotted.
// The Jefe also opens «Calendario» and filters today's maintenance visit by technician and by another unit.
// The technician attaches a file from the request page and downloads it from the timeline (the same bytes back).
// Files over the upload's body limit get the console's Spanish 413 page (the service runs with 256 KB a file).
// The administrator searches people without accents, edits one and comes back to the same search.
// Usage: node console-e2e.mjs <config.json>  (base, chromium, playwright, axe, artifacts, number, visit, links{jefe,tecnico,ana,admin,director}, technician)
// Prints one JSON line {ok, step, error, pages:[{name, status, violations, scrollWidth, viewport}], checks:{...}}.
import { readFileSync } from 'node:fs';
import { kit } from './browser-kit.mjs';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const base = new URL(config.base);
const { pages, launch, newContext: contextFor, audit } = kit(config);
const checks = {};
let step = 'launch';
let browser;

const newContext = () => contextFor(browser, [base.host]);

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
  browser = await launch();

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

  step = 'jefe: Calendario from the navigation, filtered by technician, then by another unit';
  await page.getByRole('navigation').getByRole('link', { name: 'Calendario' }).click();
  await page.getByRole('heading', { name: 'Calendario de mantenimiento', level: 1 }).waitFor();
  await page.getByLabel('Técnico').selectOption({ label: 'Tito López' });
  await page.getByRole('button', { name: 'Ver visitas' }).click();
  await page.waitForURL(u => new URL(u).searchParams.has('tecnico'));
  await page.getByRole('table', { name: /Visitas de/ }).getByRole('link', { name: config.visit }).waitFor();
  checks.calendarVisitFiltered = true;
  await audit(page, 'jefe-calendario');
  await page.getByLabel('Unidad').selectOption({ label: 'Hogares Comunitarios' });
  await page.getByRole('button', { name: 'Ver visitas' }).click();
  await page.waitForURL(u => new URL(u).searchParams.has('unidad'));
  await page.getByText('No hay visitas programadas').waitFor();
  checks.calendarAfterOtherUnit = await page.getByRole('link', { name: config.visit }).count();
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

  step = 'técnico: attach a file from the request page and download it from the timeline';
  const report = Buffer.from('%PDF-1.7\n' + 'Informe técnico de la impresora. '.repeat(900)); // ~30 KB: past the small forms' body limit
  await page.getByLabel('Archivos', { exact: true }).setInputFiles({ name: 'informe-tecnico.pdf', mimeType: 'application/pdf', buffer: report });
  await page.getByRole('button', { name: 'Adjuntar', exact: true }).click();
  await page.getByText('Se adjuntó «informe-tecnico.pdf».').waitFor({ timeout: 15000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'informe-tecnico.pdf' }).click(),
  ]);
  checks.downloadName = download.suggestedFilename();
  checks.downloadSameBytes = Buffer.compare(readFileSync(await download.path()), report) === 0;
  await audit(page, 'tecnico-archivos');

  step = 'técnico: files over the console\'s body limit get the Spanish 413 page, and its link goes back';
  const big = { name: 'escaneo-completo.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2 * 1024 * 1024, 0x41)]) };
  await page.getByLabel('Archivos', { exact: true }).setInputFiles(big);
  const [tooLarge] = await Promise.all([
    page.waitForResponse(r => r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Adjuntar', exact: true }).click(),
  ]);
  await page.getByRole('heading', { name: 'Archivos demasiado grandes', level: 1 }).waitFor();
  checks.tooLargeStatus = tooLarge.status();
  checks.tooLargeText = await page.getByRole('alert').innerText();
  await audit(page, 'tecnico-archivos-grandes');
  await page.getByRole('link', { name: `Volver a la solicitud ${config.number}` }).click();
  await page.getByRole('heading', { name: new RegExp(config.number), level: 1 }).waitFor();
  checks.tooLargeFilesListed = await page.getByRole('link', { name: 'escaneo-completo.pdf' }).count();
  await act(page, 'Marcar como resuelto', form => form.getByLabel('La solución aplicada').fill('Se reinstaló el controlador de la impresora.'));
  await audit(page, 'tecnico-solicitud');

  step = 'requester: sign in, close it';
  const ana = await newContext();
  page = await signIn(ana, config.links.ana, 'ana');
  await page.getByRole('link', { name: new RegExp(config.number) }).click();
  await act(page, 'Cerrar el ticket');
  checks.closedState = (await page.locator('dl.datos').innerText()).includes('Cerrado');
  checks.anaSeesAvisosLink = await page.getByRole('link', { name: 'Avisos no entregados' }).count();
  checks.anaSeesCalendarLink = await page.getByRole('navigation').getByRole('link', { name: 'Calendario' }).count();
  await audit(page, 'ana-solicitud');

  step = 'requester: staff page and a POST without token';
  const forbidden = await page.goto(new URL('/avisos', base).toString());
  checks.staffPageStatus = forbidden.status();
  checks.staffPageText = await page.getByRole('alert').innerText();
  await audit(page, 'ana-prohibido');
  const post = await ana.request.post(new URL(`/solicitudes/${config.number}?handler=Comentar`, base).toString(),
    { form: { texto: 'sin token' }, maxRedirects: 0 });
  checks.postWithoutTokenStatus = post.status();

  step = 'director: the dashboard shows the closure';
  const director = await newContext();
  page = await signIn(director, config.links.director, 'director');
  await page.getByRole('navigation').getByRole('link', { name: 'Tablero del director' }).click();
  await page.getByRole('heading', { name: 'Tablero del director', level: 1 }).waitFor();
  const technicianRow = page.getByRole('table', { name: 'Cerradas dentro del plazo por técnico' }).getByRole('row', { name: new RegExp(config.technician) });
  checks.dashboardTechnicianRow = (await technicianRow.count()) ? await technicianRow.first().innerText() : '';
  checks.dashboardWeeklyChart = await page.locator('img[src*="Grafica"]').count();
  await audit(page, 'director-tablero');

  step = 'administrator: Administración from the navigation, a person\'s form opened; Solicitudes with the export';
  const admin = await newContext();
  page = await signIn(admin, config.links.admin, 'admin');
  await page.getByRole('navigation').getByRole('link', { name: 'Administración' }).click();
  await page.getByRole('heading', { name: 'Administración', level: 1 }).waitFor();
  await page.locator('details > summary').first().click();
  await page.locator('details[open] form').first().waitFor();
  checks.adminPeopleForms = await page.locator('details').count();
  await audit(page, 'admin-administracion');

  step = 'administrator: people searched without accents, one edited, back on the same search';
  await page.getByLabel('Buscar por nombre o correo').fill('PEREZ');
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await page.waitForURL(u => new URL(u).searchParams.get('q') === 'PEREZ');
  await page.locator('details > summary', { hasText: 'Ana Pérez' }).click();
  await page.locator('details[open]').getByLabel('Nombre').fill('Ana María Pérez');
  await page.getByRole('button', { name: 'Guardar a Ana Pérez' }).click();
  await page.getByText('Se guardaron los datos de ana@sosep.gob.gt.').waitFor();
  checks.adminSearchAfterEdit = new URL(page.url()).searchParams.get('q');
  checks.adminSearchBoxAfterEdit = await page.getByLabel('Buscar por nombre o correo').inputValue();
  checks.adminSearchListed = await page.locator('ul[aria-label^="Personas"] details summary').allInnerTexts();
  await audit(page, 'admin-personas-busqueda');
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
