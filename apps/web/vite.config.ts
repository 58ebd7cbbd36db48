import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The server's Content-Security-Policy allows scripts from our own files only (script-src 'self',
 * apps/server/src/http/security-headers.ts): a built page with an inline <script>, an inline event
 * handler (onclick=…) or a javascript: URL would be refused by the browser, so the build fails
 * instead. (Vite's module-preload polyfill goes into the entry chunk, not inline.) JSON data blocks
 * are not run and are allowed.
 */
export function noInlineScripts(): Plugin {
  return {
    name: 'parindex:no-inline-scripts',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
          const html = String(file.source);
          const problems: string[] = [];
          for (const m of html.matchAll(/<script\b([^>]*)>/gi)) {
            const attrs = m[1];
            if (/\bsrc\s*=/i.test(attrs) || /\btype\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)) continue;
            problems.push(`inline script ${m[0]}`);
          }
          for (const m of html.matchAll(/<[a-z][^>]*?\son[a-z]+\s*=[^>]*>/gi)) problems.push(`inline event handler ${m[0]}`);
          for (const m of html.matchAll(/\b(?:href|src|action)\s*=\s*["']?\s*javascript:/gi)) problems.push(`javascript: URL ${m[0]}`);
          if (problems.length) this.error(`${file.fileName}: the Content-Security-Policy (script-src 'self') would block ${problems.join('; ')} — move it into a module file.`);
        }
      },
    },
  };
}

// The server serves apps/web/dist at `/` (with index.html for unknown paths, for deep links
// such as /cycles/:id); in development Vite proxies /api to the server on port 3000.
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), noInlineScripts()],
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd and echarts are large and change rarely: their own chunks cache across releases.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Highest priority first: a group also captures what its modules import, so react
            // must be claimed before antd pulls react-dom into its own chunk.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|@tanstack)[\\/]/, priority: 4 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 3 },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|stylis|dayjs|classnames|clsx|scroll-into-view-if-needed|compute-scroll-into-view|throttle-debounce|json2mq|copy-to-clipboard|toggle-selection|@babel[\\/]runtime)[\\/]/,
              priority: 2,
            },
          ],
        },
      },
    },
  },
});
