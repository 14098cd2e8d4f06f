// Gives the files Trunk copies verbatim (boot.js, editor.js) content-hashed names, as Trunk
// does for the wasm, its glue and the CSS, so a browser never runs a cached copy from an
// older release beside a newer wasm. Run by Trunk as a post_build hook on its staging
// directory; rewrites the references in index.html.
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('hash-assets: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(1);
}
const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');
for (const name of ['editor.js', 'boot.js']) {
  const bytes = await readFile(join(dir, name));
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const hashed = name.replace(/\.js$/, `-${hash}.js`);
  await rename(join(dir, name), join(dir, hashed));
  // Every reference is a quoted relative URL ending in the name: "./editor.js", "boot.js".
  const pattern = new RegExp(`(["/])${name.replace('.', '\\.')}"`, 'g');
  const count = (html.match(pattern) || []).length;
  if (count === 0) {
    console.error(`hash-assets: index.html does not reference ${name}`);
    process.exit(1);
  }
  html = html.replace(pattern, `$1${hashed}"`);
}
await writeFile(indexPath, html);
