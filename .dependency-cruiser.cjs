/** Layer rules of shared/STYLE.md, checked on every `npm run lint`. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports only zod, other domain files and errors.ts: no framework, adapter or I/O.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^src/errors\\.ts$', 'node_modules/zod/', '^zod$'] },
    },
    {
      name: 'ports-are-types',
      comment: 'ports/ describe contracts; they depend on nothing but the domain and errors.',
      severity: 'error',
      from: { path: '^src/ports/' },
      to: { pathNot: ['^src/ports/', '^src/domain/', '^src/errors\\.ts$', 'node_modules/zod/'] },
    },
    {
      name: 'services-use-ports-not-adapters',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: ['^src/adapters/', '^src/http/', '^src/workers/', 'node_modules/(express|mongoose|meilisearch|bullmq|ioredis)/'] },
    },
    {
      name: 'only-composition-root-imports-adapters',
      comment: 'src/engine.ts (called by main.ts, scripts and tests) is the one place that picks adapters.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/adapters/', '^src/engine\\.ts$'] },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'adapters-do-not-know-each-other',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/([^/]+)/' },
      to: { path: '^src/adapters/', pathNot: ['^src/adapters/$1/$2/', '^src/adapters/$1/shared/'] },
    },
    {
      name: 'http-and-workers-call-services',
      severity: 'error',
      from: { path: '^src/(http|workers)/' },
      to: { path: 'node_modules/(mongoose|meilisearch|mingo)/' },
    },
    {
      name: 'console-speaks-http-only',
      comment: 'The web console calls the public API; it may reuse pure domain rules (schemas, labels), nothing else.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/', pathNot: ['^src/web/', '^src/domain/', '^src/errors\\.ts$'] },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/web/dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
