/**
 * Security headers on every response (pages, static files, API answers and errors), by
 * @fastify/helmet registered globally:
 *
 * - a Content-Security-Policy the built web app and the Swagger UI at /api/docs pass: scripts only
 *   from our own files (the built index.html has no inline script; vite.config.ts fails a build that
 *   would add one), styles from our files plus inline <style> tags, which Ant Design's CSS-in-JS
 *   injects at run time ('unsafe-inline' for style-src only — scripts stay strict), images also
 *   from data: and blob: (the favicon, QR codes, chart PNG/SVG downloads), fonts also from data:,
 *   fetch only to ourselves, no plugins, no <base> or form posts elsewhere, never framed;
 * - X-Frame-Options: DENY (frame-ancestors for older browsers), X-Content-Type-Options: nosniff,
 *   Referrer-Policy: same-origin, and helmet's other defaults (Cross-Origin-Opener-Policy and
 *   Cross-Origin-Resource-Policy same-origin, X-Permitted-Cross-Domain-Policies: none…);
 * - Strict-Transport-Security (one year, subdomains) and upgrade-insecure-requests only when the
 *   app runs behind TLS (`hsts`, from COOKIE_SECURE=1): on plain HTTP they would lock browsers out.
 *
 * Cross-Origin-Embedder-Policy is off: nothing here needs cross-origin isolation, and it would
 * only refuse resources without a CORP header.
 *
 * Helmet writes its headers onto the raw response in an onRequest hook; a route that sets its own
 * header with `reply.header` (the evidence file's stricter CSP in routes/workflow.routes.ts) wins,
 * because Fastify's headers are passed to writeHead, which takes precedence over setHeader.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** The directives of the app's CSP; `upgrade-insecure-requests` is added behind TLS. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** The Content-Security-Policy header value as sent (helmet's serialization of CSP_DIRECTIVES). */
export function contentSecurityPolicy(opts: { hsts: boolean }): string {
  const directives = Object.entries(CSP_DIRECTIVES).map(([name, values]) => `${name} ${values.join(' ')}`);
  if (opts.hsts) directives.push('upgrade-insecure-requests');
  return directives.join(';');
}

export async function registerSecurityHeaders(app: FastifyInstance, opts: { hsts: boolean }): Promise<void> {
  const directives: Record<string, string[]> = Object.fromEntries(Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k, [...v]]));
  if (opts.hsts) directives['upgrade-insecure-requests'] = [];
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: opts.hsts ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
  });
}
