// Parses each Mermaid file named on the command line with Mermaid's own parser; prints
// "ok <file> <diagram type>" per file, or the parser's error and exits 1.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.DOMPurify = undefined;

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    const result = await mermaid.parse(readFileSync(file, "utf8"));
    console.log(`ok ${file} ${result.diagramType}`);
  } catch (e) {
    failed = true;
    console.log(`error ${file}: ${e.message ?? e}`);
  }
}
process.exit(failed ? 1 : 0);
