// check_report.mjs: proves that a self-contained HTML page (report/index.html of
// `darkfleet analyze`) works offline. It opens the page in Debian's headless Chromium through
// playwright-core and fails when the page asks for anything off the machine, logs an error,
// throws, does not load, misses an expected text, or renders blank. See README.md.
//
//   node check_report.mjs REPORT.html --screenshot OUT.png [--expect-text TEXT]... [--chromium PATH]
//
// Exit codes: 0 the page passed, 1 it failed (one line per problem on stderr), 2 usage error.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';

const USAGE = `usage: node check_report.mjs REPORT.html --screenshot OUT.png [--expect-text TEXT]... [--chromium PATH]
  REPORT.html         the page to check, opened as a file:// URL
  --screenshot OUT    where the full-page screenshot goes (PNG)
  --expect-text TEXT  text that must be in the page's visible text (repeatable)
  --chromium PATH     the browser (default: $CHROMIUM, else /usr/bin/chromium)`;

const LOAD_TIMEOUT_MS = 30_000;
const VIEWPORT = { width: 1400, height: 1000 };
// A page that drew something: a heading and a chart easily pass these; a white or single-colour
// page (a script that died before rendering) does not.
const MIN_NON_BACKGROUND_PERCENT = 1;
const MIN_DISTINCT_COLOURS = 8;

// Schemes that never leave the machine.
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:', 'about:']);

function usage_error(message) {
  if (message) console.error(`check_report: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

function parse_command_line() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        screenshot: { type: 'string' },
        'expect-text': { type: 'string', multiple: true, default: [] },
        chromium: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    usage_error(error.message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) usage_error('expected exactly one REPORT.html');
  if (!values.screenshot) usage_error('--screenshot OUT.png is required');
  return {
    report: positionals[0],
    screenshot: values.screenshot,
    expect_texts: values['expect-text'],
    chromium: values.chromium ?? process.env.CHROMIUM ?? '/usr/bin/chromium',
  };
}

function is_local(url) {
  try {
    return LOCAL_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;  // an unparsable URL is not provably local
  }
}

// Blank means: under 1 % of the pixels differ from the most common colour (the background), or
// fewer than 8 distinct colours in the whole picture.
function measure_screenshot(png_bytes) {
  const png = PNG.sync.read(png_bytes);
  const counts = new Map();
  for (let i = 0; i < png.data.length; i += 4) {
    const rgba = png.data.readUInt32BE(i);
    counts.set(rgba, (counts.get(rgba) ?? 0) + 1);
  }
  const pixels = png.width * png.height;
  const background = Math.max(...counts.values());
  return {
    width: png.width,
    height: png.height,
    colours: counts.size,
    non_background_percent: (100 * (pixels - background)) / pixels,
  };
}

async function check(options) {
  const problems = [];
  const requests = [];

  const browser = await chromium.launch({
    executablePath: options.chromium,
    headless: true,
    // --no-sandbox: the tests run as root in CI, where Chromium's sandbox refuses to start.
    // --host-resolver-rules: no host name resolves, so even traffic that playwright's routing
    // does not see (preconnect, DNS prefetch, Chromium's own services) cannot leave the machine.
    args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND'],
  });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    // Abort instead of fetch: the check must never touch the network, even when it fails.
    await context.route('**/*', (route) =>
      is_local(route.request().url()) ? route.continue() : route.abort('blockedbyclient'));
    const page = await context.newPage();
    page.on('request', (request) => {
      requests.push(request.url());
      if (!is_local(request.url())) problems.push(`request to the network: ${request.url()}`);
    });
    page.on('websocket', (socket) => problems.push(`websocket to the network: ${socket.url()}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const { url, lineNumber } = message.location();
      const where = url ? ` (${path.basename(url)}:${lineNumber + 1})` : '';
      problems.push(`console error: ${message.text()}${where}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
    page.on('crash', () => problems.push('the page crashed'));

    const url = pathToFileURL(path.resolve(options.report)).href;
    try {
      await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
      // Scripts that draw on load (charts, maps) get two frames to paint before we look.
      await page.evaluate(() => new Promise((done) =>
        requestAnimationFrame(() => requestAnimationFrame(done))));
    } catch (error) {
      problems.push(error.name === 'TimeoutError'
                        ? `did not finish loading within ${LOAD_TIMEOUT_MS / 1000} s`
                        : `could not load: ${error.message.split('\n')[0]}`);
    }

    const text = await page.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    for (const expected of options.expect_texts) {
      if (!text.includes(expected)) problems.push(`visible text lacks "${expected}"`);
    }

    // The screenshot is taken even for a failing page: it is what one looks at to see why.
    fs.mkdirSync(path.dirname(path.resolve(options.screenshot)), { recursive: true });
    let shot = null;
    try {
      shot = measure_screenshot(await page.screenshot({ path: options.screenshot, fullPage: true }));
      if (shot.non_background_percent < MIN_NON_BACKGROUND_PERCENT ||
          shot.colours < MIN_DISTINCT_COLOURS) {
        problems.push(`screenshot is blank: ${shot.non_background_percent.toFixed(2)} % ` +
                      `non-background pixels (need ${MIN_NON_BACKGROUND_PERCENT} %), ` +
                      `${shot.colours} colours (need ${MIN_DISTINCT_COLOURS})`);
      }
    } catch (error) {
      problems.push(`no screenshot: ${error.message.split('\n')[0]}`);
    }
    return { problems, requests, shot };
  } finally {
    await browser.close();
  }
}

const options = parse_command_line();
if (!fs.existsSync(options.report)) {
  console.error(`check_report: FAIL ${options.report}: no such file`);
  process.exit(1);
}
let result;
try {
  result = await check(options);
} catch (error) {
  // Chromium missing or refusing to start: the page was not checked, so that is a failure.
  console.error(`check_report: FAIL ${options.report}: ${error.message.split('\n')[0]}`);
  process.exit(1);
}
const { problems, requests, shot } = result;
if (problems.length > 0) {
  for (const problem of problems) console.error(`check_report: FAIL ${options.report}: ${problem}`);
  process.exit(1);
}
console.log(`check_report: OK ${options.report}: ${requests.length} requests (all local), ` +
            `0 console errors, screenshot ${options.screenshot} ${shot.width}x${shot.height}, ` +
            `${shot.non_background_percent.toFixed(1)} % non-background pixels`);
