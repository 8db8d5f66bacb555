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

/*
 * Each concept has one home. The statements a module sends live in its loaders
 * (`*.loaders.ts`) or, for SQL other modules build on, its `*.sql.ts`; resolvers, mutations
 * and the rest call them by name. Comments may say "select" freely: only code is read.
 */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const modulesFiles = () => tsFilesUnder(MODULES).map((file) => ({ file: path.relative(SRC, file), code: withoutComments(fs.readFileSync(file, 'utf8')) }));

describe('the feature modules', () => {
  test('SQL stands only in loaders and SQL files (and in the loader factory, common/node-source.ts)', () => {
    const statement = /\b(select\b[\s\S]{0,400}?\bfrom\b|insert\s+into\b|update\s+\w+\s+set\b|delete\s+from\b)/i;
    const sqlHome = (file: string) => /\.(loaders|sql)\.ts$/.test(file) || file === path.join('modules', 'common', 'node-source.ts');
    const files = modulesFiles();
    expect(files.filter((f) => sqlHome(f.file) && statement.test(f.code)).length).toBeGreaterThan(5);
    expect(files.filter((f) => !sqlHome(f.file) && statement.test(f.code)).map((f) => f.file)).toEqual([]);
  });

  test('the link tables are named only in the link module, which says once which links count', () => {
    const linkTable = /\b(forum_membership|body_membership|project_participation)\b/;
    const named = modulesFiles().filter((f) => linkTable.test(f.code)).map((f) => path.dirname(f.file));
    expect(named.length).toBeGreaterThan(0);
    expect([...new Set(named)]).toEqual([path.join('modules', 'link')]);
  });
});
