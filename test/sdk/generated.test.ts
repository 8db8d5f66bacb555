import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';

const ROOT = path.resolve(__dirname, '../..');
const OPERATIONS = path.join(ROOT, 'client-sdk/operations');

test('the generated SDK files are what codegen makes of the schema and operations (run `npm run codegen`)', () => {
  // codegen's own check mode: exits non-zero, naming the stale files, when an output would change.
  const check = () =>
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/.bin/graphql-codegen'), '--config', 'codegen.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  expect(check).not.toThrow();
});

test('every operation validates against the committed schema', () => {
  const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema/schema.graphql'), 'utf8'));
  const source = fs
    .readdirSync(OPERATIONS)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => fs.readFileSync(path.join(OPERATIONS, f), 'utf8'))
    .join('\n');
  const document = parse(source);
  expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  const names = document.definitions.flatMap((d) => (d.kind === 'OperationDefinition' ? [d.name?.value] : []));
  // At least the operations the SDK promises (see client-sdk/README.md).
  expect(names).toEqual(expect.arrayContaining(['Organisation', 'Organisations', 'Forum', 'Forums', 'FieldsOfAction', 'Bodies', 'Projects', 'Search', 'Node']));
});

test('a consumer compiles against the built package, and misuse does not (tsc --noEmit)', () => {
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  expect(fs.existsSync(path.join(ROOT, 'client-sdk/dist/index.d.ts'))).toBe(true); // built by `npm test` (npm run build)
  // Fails on any type error, and on any @ts-expect-error line that is not an error.
  const run = () => execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'client-sdk/test-d/tsconfig.json')], { encoding: 'utf8' });
  expect(run).not.toThrow();
  const text = fs.readFileSync(path.join(ROOT, 'client-sdk/test-d/consumer.ts'), 'utf8');
  expect(text.match(/@ts-expect-error/g)?.length).toBeGreaterThanOrEqual(7);
});

test('npm pack of the SDK holds the built code, its types and the README', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: path.join(ROOT, 'client-sdk'), encoding: 'utf8' });
  const [pack] = JSON.parse(out) as { name: string; version: string; files: { path: string }[] }[];
  const files = pack.files.map((f) => f.path);
  expect(pack.name).toBe('integration-graph-client');
  expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/generated/graphql.d.ts', 'README.md', 'package.json']));
  expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test-d/'))).toEqual([]);
});
