import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers';

describe('npm run demo', () => {
  test('writes summary.json with a hybrid, a cloud-first and an edge-centric selection', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'));
    const r = runCli(['demo', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[demo\] selected hybrid\s+for regulated-records/);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.version).toBe(1);
    expect(summary.selections.map((s: any) => [s.scenario, s.strategy])).toEqual([
      ['regulated-records', 'hybrid'],
      ['bursty-research', 'cloud-first'],
      ['factory-vision', 'edge-centric'],
    ]);
    for (const s of summary.selections) {
      expect(Object.keys(s.scores)).toEqual(['cloud-first', 'hybrid', 'edge-centric']);
      expect(s.scores[s.strategy]).toBe(Math.max(...Object.values<number>(s.scores)));
      expect(s.rationale.length).toBeGreaterThan(1);
    }
    expect(Array.isArray(summary.stacks)).toBe(true);
  });
});
