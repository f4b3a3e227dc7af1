// Mozilla Readability + jsdom peer: one Node process, loops over every file in DIR (sorted).
// For each page: read bytes, new JSDOM(buffer) (jsdom sniffs the charset and parses; no scripts,
// no subresources), new Readability(document).parse(), take .textContent. Prints one JSON
// summary line: tool, pages, bytes, seconds (loop only, after module loading), nonempty.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const require = createRequire(import.meta.url);
const dir = process.argv[2];
const files = readdirSync(dir).sort().map((f) => join(dir, f));
const quiet = new VirtualConsole(); // swallow jsdom CSS/parse warnings
let nonempty = 0, bytes = 0;
const t0 = process.hrtime.bigint();
for (const path of files) {
  const buf = readFileSync(path);
  bytes += buf.length;
  let text = "";
  try {
    const dom = new JSDOM(buf, { virtualConsole: quiet });
    const art = new Readability(dom.window.document).parse();
    text = (art && art.textContent) || "";
    dom.window.close();
  } catch (e) {
    text = "";
  }
  if (text.trim()) nonempty++;
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const v = (p) => require(`${p}/package.json`).version;
console.log(JSON.stringify({
  tool: `@mozilla/readability ${v("@mozilla/readability")} + jsdom ${v("jsdom")} (node ${process.versions.node})`,
  pages: files.length, bytes, seconds: secs, nonempty,
}));
