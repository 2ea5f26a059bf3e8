import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { weakTokenSecretReason } from './config.schema';

const ROOT = join(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface ComposeService {
  image?: string;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
}

describe('deployment files', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
  const apps = Object.entries(compose.services).filter(([, service]) => service.environment?.AUTH_TOKEN_SECRET);

  it('make docker compose fail without an AUTH_TOKEN_SECRET instead of falling back to a published one', () => {
    expect(apps.map(([name]) => name).sort()).toEqual(['api', 'tools', 'voucher', 'worker']);
    for (const [, service] of apps)
      expect(service.environment!.AUTH_TOKEN_SECRET).toMatch(/^\$\{AUTH_TOKEN_SECRET:\?.+\}$/);
  });

  it('publish neither PostgreSQL nor Redis nor the worker on host ports, and the dev services on loopback only', () => {
    for (const name of ['postgres', 'redis', 'worker'])
      expect({ name, ports: compose.services[name].ports }).toEqual({ name, ports: undefined });
    const dev = parse(read('docker-compose.dev.yml')) as { services: Record<string, ComposeService> };
    for (const service of Object.values(dev.services)) {
      for (const port of service.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('contain no token secret that production would accept', () => {
    const written = [
      ...read('config/.env.example').matchAll(/^#?\s*(?:AUTH_TOKEN_SECRET|VOUCHER_QR_SECRET|METRICS_TOKEN)=(.+)$/gm),
      ...read('docker-compose.yml').matchAll(/\$\{[A-Z_]*(?:SECRET|TOKEN)[A-Z_]*:-([^}]+)\}/g),
    ].map((m) => m[1].trim());
    expect(written.length).toBeGreaterThan(0);
    for (const secret of written)
      expect({ secret, reason: weakTokenSecretReason(secret) }).toEqual({ secret, reason: expect.any(String) });
  });
});
