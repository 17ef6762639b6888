// Checks web pages in headless chromium (tests/suite/web.rs runs it): axe-core with the WCAG 2.1
// A and AA rules, every request a page makes that is not to a file beside it, and whether the
// page reflows at 400% zoom (a 320 CSS pixel wide window) without scrolling sideways.
// Usage: node axe.js <page.html>... ; prints one JSON object, page -> findings.
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";

(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const results = {};
  for (const file of process.argv.slice(2)) {
    const page = await browser.newPage();
    const outside = [];
    page.on("request", (r) => {
      const u = r.url();
      if (!u.startsWith("file:") && !u.startsWith("data:")) outside.push(u);
    });
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
    await page.evaluate(axeSource);
    const r = await page.evaluate(() =>
      axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      })
    );
    await page.setViewport({ width: 320, height: 640 });
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth
    );
    results[file] = {
      violations: r.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      })),
      passes: r.passes.length,
      outside,
      sideways,
    };
    await page.close();
  }
  await browser.close();
  process.stdout.write(JSON.stringify(results));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
