import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';

/** One GPU as nvidia-smi reports it. */
export interface GpuInfo {
  name: string;
  memoryMiB: number;
  computeCapability: string;
  driverVersion: string;
}

/** The local machine's readiness for AI work. */
export interface AuditReport {
  gpus: GpuInfo[];
  nvidiaSmi: 'found' | 'not found' | 'failed';
  cpuCores: number;
  memoryGiB: number;
  disks: Array<{ path: string; totalGiB: number; freeGiB: number }>;
  score: number;
  checks: Array<{ check: string; weight: number; passed: boolean; detail: string }>;
  recommendations: string[];
}

const QUERY = '--query-gpu=name,memory.total,compute_cap,driver_version';

/** Reads the GPUs through nvidia-smi (found on PATH), or none. */
export function readGpus(): { gpus: GpuInfo[]; status: AuditReport['nvidiaSmi'] } {
  let out: string;
  try {
    out = execFileSync('nvidia-smi', [QUERY, '--format=csv,noheader,nounits'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e: any) {
    return { gpus: [], status: e?.code === 'ENOENT' ? 'not found' : 'failed' };
  }
  const gpus = out.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const [name, mem, cc, driver] = l.split(',').map((x) => x.trim());
    return { name, memoryMiB: Number(mem), computeCapability: cc, driverVersion: driver };
  });
  return { gpus, status: 'found' };
}

function disk(path: string): { path: string; totalGiB: number; freeGiB: number } | undefined {
  try {
    const s = fs.statfsSync(path);
    return { path, totalGiB: Math.round((s.blocks * s.bsize) / 2 ** 30), freeGiB: Math.round((s.bavail * s.bsize) / 2 ** 30) };
  } catch {
    return undefined;
  }
}

/**
 * Audits the local machine: GPUs (nvidia-smi), CPU cores, memory and disks, a 0-100 score and
 * recommendations. Weights: a GPU 40, 24 GiB or more GPU memory 15, compute capability 8.0 or more
 * (bf16, Ampere and later) 15, driver 535 or later 10, host memory at least the GPUs' memory and 64 GiB 10,
 * 200 GiB free disk 10.
 */
export function audit(): AuditReport {
  const { gpus, status } = readGpus();
  const cpuCores = os.cpus().length;
  const memoryGiB = Math.round(os.totalmem() / 2 ** 30);
  const disks = [...new Set(['/', process.cwd()])].map(disk).filter((d): d is NonNullable<typeof d> => d !== undefined);
  const gpuMemGiB = gpus.reduce((n, g) => n + g.memoryMiB, 0) / 1024;
  const minMem = Math.min(...gpus.map((g) => g.memoryMiB / 1024));
  const minCc = Math.min(...gpus.map((g) => Number(g.computeCapability)));
  const minDriver = Math.min(...gpus.map((g) => Number(g.driverVersion.split('.')[0])));
  const freeGiB = Math.max(0, ...disks.map((d) => d.freeGiB));
  const checks = [
    { check: 'gpu', weight: 40, passed: gpus.length > 0, detail: gpus.length ? `${gpus.length} x ${gpus[0].name}` : `no GPU (nvidia-smi ${status})` },
    { check: 'gpu-memory', weight: 15, passed: gpus.length > 0 && minMem >= 24, detail: gpus.length ? `${Math.round(minMem)} GiB per GPU` : 'n/a' },
    { check: 'compute-capability', weight: 15, passed: gpus.length > 0 && minCc >= 8, detail: gpus.length ? `compute capability ${gpus[0].computeCapability}` : 'n/a' },
    { check: 'driver', weight: 10, passed: gpus.length > 0 && minDriver >= 535, detail: gpus.length ? `driver ${gpus[0].driverVersion}` : 'n/a' },
    { check: 'host-memory', weight: 10, passed: memoryGiB >= Math.max(64, gpuMemGiB), detail: `${memoryGiB} GiB (GPUs hold ${Math.round(gpuMemGiB)} GiB)` },
    { check: 'disk', weight: 10, passed: freeGiB >= 200, detail: `${freeGiB} GiB free` },
  ];
  const recommendations: string[] = [];
  if (!checks[0].passed) recommendations.push('No local GPU: train on a cloud GPU fleet (`ai-infra catalog`), e.g. g6.xlarge or g2-standard-4 for experiments, and keep this machine for data preparation.');
  if (gpus.length && !checks[1].passed) recommendations.push('GPUs under 24 GiB: use quantized models or parameter-efficient fine-tuning, or a 24 GiB+ GPU (L4, A10G, L40S).');
  if (gpus.length && !checks[2].passed) recommendations.push('Compute capability under 8.0 has no bf16: train in fp16 with loss scaling, or use Ampere or later (A100, L4, H100).');
  if (gpus.length && !checks[3].passed) recommendations.push('NVIDIA driver older than 535: upgrade for CUDA 12 toolkits and current frameworks.');
  if (!checks[4].passed) recommendations.push(`Host memory ${memoryGiB} GiB: data loaders and checkpoint staging want at least the GPUs' memory and 64 GiB.`);
  if (!checks[5].passed) recommendations.push('Under 200 GiB free disk: datasets, checkpoints and container images need room; mount a data volume.');
  const score = Math.round(checks.filter((c) => c.passed).reduce((n, c) => n + c.weight, 0));
  return { gpus, nvidiaSmi: status, cpuCores, memoryGiB, disks, score, checks, recommendations };
}
