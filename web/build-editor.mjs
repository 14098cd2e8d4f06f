// Bundles web/js/editor.js (CodeMirror 6 and friends) into web/gen/editor.js with esbuild.
// Run by Trunk as a pre_build hook and by scripts/setup.sh; writes only when the bundle
// changed, so an unchanged editor does not make cargo rebuild the web crate.
import { build } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'gen', 'editor.js');

const result = await build({
  entryPoints: [join(here, 'js', 'editor.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
});
const text = result.outputFiles[0].text;
let old = null;
try { old = await readFile(out, 'utf8'); } catch { /* first build */ }
if (old !== text) {
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, text);
  console.log(`build-editor: wrote ${out} (${text.length} bytes)`);
}
