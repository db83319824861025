import { defineConfig } from "vitest/config";

// The host serves the API on http://127.0.0.1:5080 (scripts/start.sh); `npm run dev` proxies /api to it.
const backend = process.env.DURABLEOBJECTS_URL ?? "http://127.0.0.1:5080";

export default defineConfig({
  server: { proxy: { "/api": backend } },
  build: { outDir: "dist", emptyOutDir: true },
  test: { include: ["tests/**/*.test.ts"], environment: "node" },
});
