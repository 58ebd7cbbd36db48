import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.ts';
import { HistoryService } from '../services/history.service.ts';
import { ResultsService } from '../services/results.service.ts';
import { registerErrorHandler } from './errors.ts';
import { cyclesRoutes } from './routes/cycles.routes.ts';
import { systemRoutes } from './routes/system.routes.ts';

/** Who may call a route. Every API route declares one; the server refuses to start otherwise. */
export type Access = 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface Services {
  results: ResultsService;
  history: HistoryService;
}

export interface AppOptions {
  database: Database;
  logger?: boolean | { level: string };
  webDist?: string;
}

/** Builds the HTTP app: zod-validated routes, OpenAPI at /api/docs, the web app at /. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 25 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && !route.config?.access)
      throw new Error(`Route ${route.method} ${route.url} has no access rule`);
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'ParIndex API',
        description: 'Chỉ số cải cách hành chính (PAR Index): bộ chỉ số, kỳ đánh giá, kết quả. Decimal values are exact strings.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const services: Services = { results: new ResultsService(opts.database.db), history: new HistoryService(opts.database.db) };
  await app.register(systemRoutes, { prefix: '/api', database: opts.database });
  await app.register(cyclesRoutes, { prefix: '/api', services });

  const dist = opts.webDist;
  if (dist && fs.existsSync(path.join(dist, 'index.html'))) {
    await app.register(fastifyStatic, { root: dist, wildcard: false, maxAge: '1h' });
    // Deep links of the single-page app (/cycles/…) get index.html; unknown API paths stay 404 JSON.
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
