import fs from 'node:fs';
import path from 'node:path';
import { printApiSchema } from '../api';

/** `npm run schema`: writes schema/schema.graphql. */
const target = path.resolve(__dirname, '../../../schema/schema.graphql');
fs.writeFileSync(target, printApiSchema());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
