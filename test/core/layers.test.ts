import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

describe('layers', () => {
  test('src/core imports no cloud library and nothing outside src/core', () => {
    const offenders: string[] = [];
    for (const f of files(path.join(ROOT, 'src/core'))) {
      const src = fs.readFileSync(f, 'utf8');
      for (const m of src.matchAll(/from '([^']+)'/g)) {
        const spec = m[1];
        const resolved = spec.startsWith('.') ? path.resolve(path.dirname(f), spec) : spec;
        if (!spec.startsWith('.') || !resolved.startsWith(path.join(ROOT, 'src/core'))) offenders.push(`${path.relative(ROOT, f)}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  test('no module imports a cdktf provider root index', () => {
    const offenders = files(path.join(ROOT, 'src')).filter((f) =>
      /from '@cdktf\/provider-(google|azurerm)'/.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
