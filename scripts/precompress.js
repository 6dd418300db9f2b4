// Writes a Brotli (.br) and a gzip (.gz) copy beside each text file of the
// built web app, so that `accord serve` (@fastify/static `preCompressed`)
// sends compressed bytes without compressing on every request.
// Usage: node scripts/precompress.js DIR
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(?:html|js|css|svg|json|txt)$/;
const dir = process.argv[2];
if (dir === undefined) {
  console.error('usage: node scripts/precompress.js DIR');
  process.exit(2);
}
let files = 0;
for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !TEXT.test(entry.name)) continue;
  const file = path.join(entry.parentPath ?? entry.path, entry.name);
  const bytes = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  files += 1;
}
console.log(`precompress: ${files} files in ${dir} (.br and .gz beside each)`);
