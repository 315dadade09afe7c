import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Registry } from 'prom-client';
import { compressJson } from './compression.js';
import { pageWithStyleNonce, securityHeaders } from './security-headers.js';
import { uiFiles } from './ui-files.js';

export const UI_DIST_DIR = fileURLToPath(new URL('../../classroom-ui/dist', import.meta.url));

const REQUEST_ID = /^[\w.-]{1,100}$/;

/**
 * The express app every role shares: security headers, request ids and logs, compressed JSON,
 * health, readiness and metrics. `trustProxy` (TRUST_PROXY) names the proxies whose forwarded
 * client address counts; with none, `req.ip` is the connection's address, so rate limits cannot be
 * dodged with a forged header.
 */
export function createHttpApp(
  logger: Logger,
  metrics: Registry,
  isReady: () => Promise<boolean>,
  trustProxy: readonly string[],
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy.length > 0 ? [...trustProxy] : false);
  app.use(securityHeaders());
  app.use(
    pinoHttp({
      logger,
      genReqId: (request, response) => {
        const given = request.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        response.setHeader('X-Request-Id', id);
        return id;
      },
      // Probes and metric scrapes would drown the log.
      autoLogging: { ignore: (request) => ['/healthz', '/readyz', '/metrics'].includes(request.url ?? '') },
    }),
  );
  app.use(compressJson());
  app.get('/healthz', (_request, response) => void response.json({ status: 'ok' }));
  app.get('/readyz', async (_request, response) => {
    const ready = await isReady().catch(() => false);
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  app.get('/metrics', async (_request, response) => {
    response.type(metrics.contentType).send(await metrics.metrics());
  });
  return app;
}

/**
 * The built single-page app, with every unknown non-API path answered by index.html. The page is
 * made anew for each response (its style nonce), so it is never cached unchecked and goes out
 * plain: it is under a kilobyte. The files it loads are compressed and cached by `uiFiles`.
 */
export function serveUi(app: express.Express, dir = UI_DIST_DIR): boolean {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return false;
  app.use(uiFiles(dir));
  app.get(/^\/(?!api\/|socket\.io\/|board\/).*/, async (_request, response) => {
    // Read each time, as sendFile did: a new build is served without a restart.
    const page = pageWithStyleNonce(await fs.promises.readFile(index, 'utf8'));
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('Content-Security-Policy', page.policy);
    response.type('html').send(page.html);
  });
  return true;
}
