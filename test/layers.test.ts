import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { findLayerViolations, readSourceTree } from './support/layers.ts';
import { repoRoot } from './support/shared.ts';

describe('layer rule', () => {
  it('holds for every import in src/', () => {
    const files = readSourceTree(path.join(repoRoot, 'src'));
    assert.ok(files.length > 10, `found only ${files.length} source files`);
    const violations = findLayerViolations(files);
    assert.deepEqual(violations, [], violations.map((v) => `${v.file}: ${v.specifier}: ${v.reason}`).join('\n'));
  });

  it('lets the web app reach into src/ only for the API contract, and only its types', () => {
    const webSource = path.join(repoRoot, 'web', 'src');
    const files = readSourceTree(webSource);
    assert.ok(files.length > 10, `found only ${files.length} web source files`);
    const contract = path.join(repoRoot, 'src', 'server', 'api', 'contract.ts');
    const outside: string[] = [];
    for (const { file, text } of files) {
      for (const match of text.matchAll(/^\s*(import|export)(\s+type)?\b[^'"]*?from\s+'(\.[^']+)'/gm)) {
        const target = path.resolve(webSource, path.dirname(file), match[3]!);
        if (!target.startsWith(path.join(repoRoot, 'web') + path.sep) && (target !== contract || match[2] === undefined)) outside.push(`${file}: ${match[0].trim()}`);
      }
    }
    assert.deepEqual(outside, []);
  });

  const cases: [name: string, file: string, text: string, violations: number][] = [
    ['a downward import', 'store/x.ts', "import { a } from '../stix/object.ts';", 0],
    ['an import inside the same layer', 'stix/x.ts', "import { a } from './object.ts';", 0],
    ['an upward import', 'stix/x.ts', "import type { Store } from '../store/store.ts';", 1],
    ['an upward re-export', 'common/x.ts', "export { b } from '../cli/main.ts';", 1],
    ['an upward dynamic import', 'store/x.ts', "const m = await import('../server/app.ts');", 1],
    ['an import of something outside src/', 'stix/x.ts', "import '../../test/support/shared.ts';", 1],
    ['a test beside the source using the test helpers', 'stix/x.test.ts', "import '../../test/support/shared.ts';", 0],
    ['an unknown layer', 'misc/x.ts', '', 1],
    ['a package import', 'common/x.ts', "import { z } from 'node:fs';", 0],
  ];
  for (const [name, file, text, expected] of cases) {
    it(`finds ${expected} violation(s) in ${name}`, () => {
      assert.equal(findLayerViolations([{ file, text }]).length, expected);
    });
  }
});
