import { spawnSync } from 'child_process';
import { ROOT } from '../helpers';

test('importing the package never loads a provider root index (only deep paths)', () => {
  // a fresh process: the require cache tells which provider modules the package pulled in
  const script = `
    require('ts-node').register({ transpileOnly: true });
    require(${JSON.stringify(`${ROOT}/src/index.ts`)});
    const loaded = Object.keys(require.cache);
    const roots = loaded.filter((f) => /@cdktf\\/provider-(google|azurerm)\\/lib\\/index\\.js$/.test(f));
    const deep = loaded.filter((f) => /@cdktf\\/provider-(google|azurerm)\\/lib\\/[^/]+\\/index\\.js$/.test(f));
    console.log(JSON.stringify({ roots, deep: deep.length }));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
  expect(out.roots).toEqual([]);
  expect(out.deep).toBeGreaterThan(20); // the deep resource modules the renderers use
});
