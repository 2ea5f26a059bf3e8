import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentSchema } from './config.schema';

describe('config/.env.example', () => {
  it('documents every variable the configuration reads, and no other', () => {
    const text = readFileSync(join(__dirname, '..', '..', '..', 'config', '.env.example'), 'utf8');
    const documented = new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const read = Object.keys(environmentSchema.shape);
    expect(read.filter((name) => !documented.has(name))).toEqual([]);
    expect([...documented].filter((name) => !read.includes(name))).toEqual([]);
  });
});
