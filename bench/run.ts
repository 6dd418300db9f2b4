/**
 * `npm run bench -- NAME [options]`: runs one benchmark script, bench/NAME.ts.
 * Each script prints its figures and a Markdown block for docs/benchmarks.md.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [name, ...rest] = process.argv.slice(2);
const benchDir = fileURLToPath(new URL('.', import.meta.url));
// Hyphenated files are helpers (synthetic-bundle.ts…), except the benches named here.
const HYPHENATED_BENCHES = ['pattern-single'];
const available = readdirSync(benchDir).filter((file) => file.endsWith('.ts') && !['run.ts'].includes(file) && !file.includes('-'))
  .map((file) => file.replace(/\.ts$/, '')).concat(HYPHENATED_BENCHES).sort();
if (!name || !existsSync(`${benchDir}/${name}.ts`)) {
  console.error(`usage: npm run bench -- NAME [options]\navailable: ${available.join(', ')}`);
  process.exit(64);
}
const { main } = (await import(`./${name}.ts`)) as { main: (args: string[]) => Promise<void> };
await main(rest);
