// Runs axe-core (WCAG 2.1 A and AA, and axe's best practices) on pages of a
// site written by `lscb site`, in the machine's own Chromium, offline.
//
//   node tools/a11y/axe.mjs SITE_DIR PAGE...      e.g. index.html actions/1-1-1.html
//
// playwright-core drives the browser and never downloads one: it is given
// CHROMIUM (default /usr/bin/chromium). Every request that is not a file of
// the site is refused and reported, so the check also proves the pages load
// nothing from outside. Prints each violation with the elements it names;
// exits 0 when there is none, 1 when there is any, 2 when it could not run.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const [site, ...pages] = process.argv.slice(2);
if (!site || pages.length === 0) {
  console.error("usage: node tools/a11y/axe.mjs SITE_DIR PAGE...");
  process.exit(2);
}
const root = pathToFileURL(resolve(site)).href + "/";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
let failures = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const outside = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(root)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  for (const p of pages) {
    const page = await context.newPage();
    await page.goto(root + p);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() =>
      // eslint-disable-next-line no-undef
      axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        resultTypes: ["violations"],
      }),
    );
    const v = result.violations;
    console.log(`${p}: ${v.length} violations, ${result.passes.length} rules passed`);
    for (const x of v) {
      failures += 1;
      console.log(`  ${x.impact}: ${x.id}: ${x.help} (${x.helpUrl})`);
      for (const n of x.nodes.slice(0, 5)) console.log(`    ${n.target.join(" ")}: ${n.failureSummary.replace(/\n/g, " ")}`);
    }
    await page.close();
  }
  if (outside.length) {
    failures += 1;
    console.log(`requests outside the site, refused: ${[...new Set(outside)].join(", ")}`);
  }
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
