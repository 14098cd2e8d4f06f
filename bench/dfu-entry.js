// The benchmark's reference linter: dockerfile-utils' validate(), bundled by
// scripts/bench-web.mjs for the timing page only (never part of the product).
import { validate } from 'dockerfile-utils';

// dockerfile-ast calls node's Buffer.from(char, "UTF-8") to spot a BOM; the browser's
// TextEncoder gives the same bytes.
if (!globalThis.Buffer) {
  const encoder = new TextEncoder();
  globalThis.Buffer = { from: (text) => encoder.encode(text) };
}
window.dockerfileUtils = { validate };
