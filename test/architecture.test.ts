import fs from 'node:fs';
import path from 'node:path';

/*
 * The infrastructure knows no feature module by name: the modules say what they contribute
 * (src/modules/index.ts), and the wiring (src/api.ts, src/app.ts) hands it in.
 */

const SRC = path.join(__dirname, '../src');
const MODULES = path.join(SRC, 'modules');

function tsFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFilesUnder(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

/** The specifiers of a file's `import … from`, `export … from`, `import '…'`, `import(…)` and `require(…)`. */
function importsOf(source: string): string[] {
  const specifier = /(?:\bfrom\s*|^\s*import\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/gm;
  return [...source.matchAll(specifier)].map((match) => match[1]);
}

const isModule = (file: string, specifier: string) => {
  if (!specifier.startsWith('.')) return false;
  const target = path.resolve(path.dirname(file), specifier);
  return target === MODULES || target.startsWith(MODULES + path.sep);
};

describe('the infrastructure', () => {
  test.each(['graph', 'db'])('src/%s imports no feature module (src/modules)', (folder) => {
    const files = tsFilesUnder(path.join(SRC, folder));
    expect(files.length).toBeGreaterThan(0);
    const found = files.flatMap((file) =>
      importsOf(fs.readFileSync(file, 'utf8'))
        .filter((specifier) => isModule(file, specifier))
        .map((specifier) => `${path.relative(SRC, file)} imports ${specifier}`),
    );
    expect(found).toEqual([]);
  });
});
