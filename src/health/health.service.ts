// Health from cheap checks only: a query, a PING, configuration. Never a paid API call.
export type ServiceState = 'healthy' | 'unhealthy' | 'skipped';

export interface HealthCheck {
  name: 'db' | 'queue' | 'redis' | 'ai';
  /** Resolves when healthy, rejects when not; undefined means the service is not used here. */
  check: (() => Promise<void>) | undefined;
}

export interface HealthReport {
  overall: 'healthy' | 'unhealthy';
  services: Record<HealthCheck['name'], ServiceState>;
}

const CHECK_TIMEOUT_MS = 2_000;

export async function checkHealth(checks: HealthCheck[]): Promise<HealthReport> {
  const services: HealthReport['services'] = {
    db: 'skipped',
    queue: 'skipped',
    redis: 'skipped',
    ai: 'skipped',
  };
  await Promise.all(
    checks.map(async ({ name, check }) => {
      if (!check) return;
      services[name] = (await withTimeout(check(), CHECK_TIMEOUT_MS).then(
        () => true,
        () => false,
      ))
        ? 'healthy'
        : 'unhealthy';
    }),
  );
  const overall = Object.values(services).includes('unhealthy') ? 'unhealthy' : 'healthy';
  return { overall, services };
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
