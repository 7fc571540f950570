// `GET /metrics` for a process without the HTTP API: a worker has no Fastify, yet its job
// durations and memory must reach Prometheus. A bare node:http listener, answering only that path;
// the same token rule as the API's route.
import { createServer, type Server } from 'node:http';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { METRICS_CONTENT_TYPE, metricsAuthorized } from './metrics.ts';

export interface MetricsServer {
  /** `http://host:port`, with the port the system chose when 0 was asked */
  readonly address: string;
  close(): Promise<void>;
}

export async function serveMetrics(options: {
  metrics: Metrics;
  host: string;
  port: number;
  token: string | undefined;
  logger: Logger;
}): Promise<MetricsServer> {
  const { metrics, token, logger } = options;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics is served here.\n');
      return;
    }
    if (!metricsAuthorized(request.headers.authorization, token)) {
      response
        .writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' })
        .end('The metrics need the token set in METRICS_TOKEN.\n');
      return;
    }
    metrics.render().then(
      (text) => {
        response.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        logger.warn({ err: error }, 'metrics could not be rendered');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('The metrics could not be rendered.\n');
      },
    );
  });
  // A scraper's idle keep-alive socket must not hold the worker's shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address();
  const port = typeof bound === 'object' && bound !== null ? bound.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    address: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
