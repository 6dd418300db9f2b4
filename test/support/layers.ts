import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The layer rule of docs/architecture (ARCHITECTURE.md): each folder of src/
 * may import only the folders listed for it. Arrows point down; server/ and
 * cli/ are leaves (cli may start the server).
 */
export const ALLOWED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  common: [],
  stix: ['common'],
  pattern: ['common', 'stix'],
  store: ['common', 'stix'],
  taxii: ['common', 'stix', 'store'],
  federation: ['common', 'stix', 'pattern', 'store', 'taxii'],
  workflows: ['common', 'stix', 'pattern', 'store', 'taxii', 'federation'],
  server: ['common', 'stix', 'pattern', 'store', 'taxii', 'federation', 'workflows'],
  cli: ['common', 'stix', 'pattern', 'store', 'taxii', 'federation', 'workflows', 'server'],
};

export interface SourceFile {
  /** Path relative to src/, with forward slashes. */
  file: string;
  text: string;
}

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

const TEST_FILE = /\.(test|contract)\.ts$/;

export function findLayerViolations(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const { file, text } of files) {
    const layer = file.split('/')[0]!;
    const allowed = ALLOWED_IMPORTS[layer];
    if (!allowed) {
      violations.push({ file, specifier: '', reason: `src/${layer}/ is not a known layer; add it to the layer table` });
      continue;
    }
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      if (!specifier.startsWith('.')) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      // Tests beside the source may use the shared test helpers; product code may not.
      if (TEST_FILE.test(file) && target.startsWith('../test/support/')) continue;
      if (target.startsWith('..')) {
        violations.push({ file, specifier, reason: 'imports from outside src/' });
        continue;
      }
      const targetLayer = target.split('/')[0]!;
      if (targetLayer !== layer && !allowed.includes(targetLayer)) {
        violations.push({ file, specifier, reason: `${layer}/ may not import ${targetLayer}/ (allowed: ${allowed.join(', ') || 'nothing'})` });
      }
    }
  }
  return violations;
}

export function readSourceTree(srcRoot: string): SourceFile[] {
  return readdirSync(srcRoot, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => ({ file: name.split(path.sep).join('/'), text: readFileSync(path.join(srcRoot, name), 'utf8') }));
}
