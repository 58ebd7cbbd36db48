import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { openApiTransforms } from './openapi.ts';
import type { Database } from '../db/database.ts';
import { HistoryService } from '../services/history.service.ts';
import { ResultsService } from '../services/results.service.ts';
import { ScorecardService } from '../services/scorecard.service.ts';
import { AuthService } from '../auth/auth.service.ts';
import { Notifier } from '../services/workflow/notifier.ts';
import nodemailer, { type Transporter } from 'nodemailer';
import { registerJobHandlers } from '../services/jobs/handlers.ts';
import { JobWorker, type JobWorkerOptions } from '../services/jobs/job-worker.ts';
import { checkRouteDeclarations, declarePublicScope, isApiPath, type RegisteredRoute, registerAuth } from './auth.ts';
import { frameworkErrors } from './error-words.ts';
import { registerErrorHandler } from './errors.ts';
import './zod-vietnamese.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { surveyRoutes } from './routes/survey.routes.ts';
import { assessmentRoutes } from './routes/assessment.routes.ts';
import { workflowRoutes } from './routes/workflow.routes.ts';
import { PublicCache } from './public-cache.ts';
import { databaseRateLimitStores } from './rate-limit-store.ts';
import { cyclesRoutes } from './routes/cycles.routes.ts';
import { exportsRoutes } from './routes/exports.routes.ts';
import { planningRoutes } from './routes/planning.routes.ts';
import { publicRoutes } from './routes/public.routes.ts';
import { rubricRoutes } from './routes/rubric.routes.ts';
import { correctionsRoutes } from './routes/corrections.routes.ts';
import { systemRoutes } from './routes/system.routes.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { publicPageHtml } from './spa-html.ts';

export type { Access } from './auth.ts';

export interface Services {
  results: ResultsService;
  history: HistoryService;
  scorecard: ScorecardService;
  /** Serialized payloads of published cycles (see public-cache.ts). */
  publicCache: PublicCache;
}

/** Every /api route with its access rule: the generated authorization tests walk this list. */
export interface ApiRoute {
  method: string;
  url: string;
  access: import('./auth.ts').Access;
  unitScoped: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: ApiRoute[];
    /** Every route registered, with its access declaration (the inventory test reads it). */
    registeredRoutes: () => RegisteredRoute[];
    /** This server's worker of the job queue (services/jobs/); tests wait on `jobWorker.drain()`. */
    jobWorker: JobWorker;
  }
}

export interface AppOptions {
  database: Database;
  logger?: boolean | { level: string };
  webDist?: string;
  /** Cookies only over HTTPS (COOKIE_SECURE=1 behind TLS). */
  secureCookies?: boolean;
  /** smtp://… — reminders are also e-mailed. */
  smtpUrl?: string;
  mailFrom?: string;
  /** A ready mail transport instead of SMTP_URL (tests use nodemailer's jsonTransport). */
  mailer?: Transporter;
  /** The worker of the job queue (lease, polling); false: this app runs no jobs (tests that drive the queue themselves). */
  jobs?: false | JobWorkerOptions;
  /** Limits of the public survey form (routes/survey-rate-limits.ts); a number sets them all. */
  surveyRateLimit?: number | Partial<import('./routes/survey-rate-limits.ts').PublicSurveyLimits>;
  /** How long a public cycle's cache key is trusted before the database is asked again (public-cache.ts; default 1 s). */
  publicCacheStampTtlMs?: number;
  /** Key of the survey dossier-code HMAC (services/surveys/survey-secret.ts); a per-process key without it. */
  surveySecret?: Buffer;
  /** PUBLIC_URL: the address every survey link and QR code starts with (else the request's origin). */
  publicUrl?: string;
  /** Fastify's trustProxy (TRUST_PROXY): behind a reverse proxy, req.ip is the client's address from X-Forwarded-For. */
  trustProxy?: boolean | number | string;
}

/** Builds the HTTP app: zod-validated routes, OpenAPI at /api/docs, the web app at /. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 25 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // Fastify's own answers before routing (a badly encoded URL…) in Vietnamese, like every other error.
    frameworkErrors,
    // One Fastify overload per trustProxy kind: the union (from TRUST_PROXY) is narrowed by a cast.
    trustProxy: (opts.trustProxy ?? false) as boolean,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await registerSecurityHeaders(app, { hsts: !!opts.secureCookies });
  // Before any route: every route is recorded and the app will not start with one undeclared.
  const registeredRoutes = checkRouteDeclarations(app);
  app.decorate('registeredRoutes', registeredRoutes);
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    for (const method of [route.method].flat()) if (method !== 'HEAD' && route.config?.access) apiRoutes.push({ method, url: route.url, access: route.config.access, unitScoped: !!route.config.unitScoped });
  });
  const auth = new AuthService(opts.database.db);
  const authOptions = { secureCookies: opts.secureCookies };
  await registerAuth(app, auth);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'ParIndex API',
        description: 'Chỉ số cải cách hành chính (PAR Index): bộ chỉ số, kỳ đánh giá, kết quả. Decimal values are exact strings.',
        version: '0.1.0',
      },
    },
    ...openApiTransforms(),
  });
  await app.register(async (scope) => {
    declarePublicScope(scope);
    await scope.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  });

  const services: Services = {
    results: new ResultsService(opts.database.db),
    history: new HistoryService(opts.database.db),
    scorecard: new ScorecardService(opts.database.db),
    publicCache: new PublicCache(undefined, opts.publicCacheStampTtlMs),
  };
  // Background jobs live in the database; this server's worker runs its share once the app is ready.
  const mailer = opts.mailer ?? (opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : undefined);
  const jobWorker = registerJobHandlers(new JobWorker(opts.database.db, { ...(opts.jobs || {}), log: app.log }), opts.database.db, { mailer, mailFrom: opts.mailFrom });
  app.decorate('jobWorker', jobWorker);
  if (opts.jobs !== false) app.addHook('onReady', async () => jobWorker.start());
  app.addHook('onClose', () => jobWorker.close());
  const notifier = new Notifier(opts.database.db, { email: !!mailer, log: app.log });
  // Rate-limit counters of the public routes live in the database: every server counts together.
  const rateLimitStores = databaseRateLimitStores(opts.database.db);
  await app.register(authRoutes, { prefix: '/api', auth, authOptions, rateLimitStores });
  await app.register(workflowRoutes, { prefix: '/api', db: opts.database.db, notifier });
  await app.register(assessmentRoutes, { prefix: '/api', db: opts.database.db, notifier });
  await app.register(surveyRoutes, { prefix: '/api', db: opts.database.db, publicRateLimit: opts.surveyRateLimit, rateLimitStores, secret: opts.surveySecret, publicUrl: opts.publicUrl });
  await app.register(systemRoutes, { prefix: '/api', database: opts.database });
  await app.register(adminRoutes, { prefix: '/api', database: opts.database });
  await app.register(cyclesRoutes, { prefix: '/api', services, db: opts.database.db });
  await app.register(exportsRoutes, { prefix: '/api', db: opts.database.db });
  await app.register(planningRoutes, { prefix: '/api', db: opts.database.db });
  await app.register(publicRoutes, { prefix: '/api', services });
  await app.register(rubricRoutes, { prefix: '/api', db: opts.database.db });
  await app.register(correctionsRoutes, { prefix: '/api', db: opts.database.db, services });

  const dist = opts.webDist;
  if (dist && fs.existsSync(path.join(dist, 'index.html'))) {
    // index: false — `/` goes through the handler below, which gives it the newest year's meta.
    await app.register(async (scope) => {
      declarePublicScope(scope);
      await scope.register(fastifyStatic, { root: dist, wildcard: false, index: false, maxAge: '1h' });
      // Deep links of the single-page app (/cycles/…) get index.html. Anything that names /api however
      // spelt (/API/x, //api/x, /%2561pi/x, /api;x/…) and matched no API route stays a 404 JSON.
      // Public deep links get their own <title>, description and Open Graph tags (spa-html.ts).
      scope.get('/*', { config: { access: 'public', session: false }, schema: { hide: true } }, async (req, reply) => {
        if (isApiPath(req.url)) return reply.callNotFound();
        const html = await publicPageHtml(dist, req.url, services.scorecard);
        if (html) return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      });
    });
  }
  return app;
}
