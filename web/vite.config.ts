// Vite build of the web app: root web/, output web/dist, `@contracts/` resolves to the server's src/ (contract files only).
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = import.meta.dirname;
const repoRoot = path.resolve(webRoot, '..');

/**
 * Vendor chunks for what the first page needs (tag `$initial`): react, antd, pro-components and the rest each get
 * their own file, so the app code stays small and the libraries cache well. A group also takes the dependencies of
 * what it captures, so the lower layers (react, then antd) claim their modules first. What only lazy pages use
 * (ProTable, ProForm, date pickers, upload…) is left to automatic splitting and loads with those pages.
 */
const nm = (pattern: string) => new RegExp(`node_modules[\\\\/](${pattern})[\\\\/]`);
const vendorGroups = [
  { name: 'react', test: nm('react|react-dom|scheduler|react-router|react-router-dom'), priority: 50 },
  {
    name: 'antd',
    test: nm(
      'antd|@ant-design[\\\\/](cssinjs|cssinjs-utils|icons|icons-svg|colors|fast-color|react-slick)|rc-[^\\\\/]+|@rc-component',
    ),
    priority: 40,
  },
  { name: 'pro-components', test: nm('@ant-design[\\\\/]pro-[^\\\\/]+'), priority: 30 },
  { name: 'vendor', test: nm('[^\\\\/]+'), priority: 10 },
].map((g) => ({ ...g, tags: ['$initial' as const] }));

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    alias: { '@contracts': path.join(repoRoot, 'src') },
  },
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    port: 5173,
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
