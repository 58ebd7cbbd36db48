import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The server serves apps/web/dist at `/` (with index.html for unknown paths, for deep links
// such as /cycles/:id); in development Vite proxies /api to the server on port 3000.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
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
