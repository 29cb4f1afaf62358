// What the console's browser scripts share: launching Debian's Chromium offline, and auditing a page with axe-core
// (serious and critical violations only), then at 375 px (its width and a screenshot).
import { createRequire } from 'node:module';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export function kit(config) {
  const { chromium: launcher } = createRequire(join(config.playwright, 'package.json'))('playwright-core');
  const axeSource = readFileSync(config.axe, 'utf8');
  mkdirSync(config.artifacts, { recursive: true });
  const pages = [];

  const launch = () => launcher.launch({
    executablePath: config.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });

  // bypassCSP: axe-core is injected as an inline script, which the console's Content-Security-Policy forbids.
  // Offline: only the hosts given are reachable.
  async function newContext(browser, hosts) {
    const allowed = new Set(hosts);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-GT', bypassCSP: true });
    await context.route('**/*', route => allowed.has(new URL(route.request().url()).host) ? route.continue() : route.abort());
    return context;
  }

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

  return { pages, launch, newContext, audit };
}
