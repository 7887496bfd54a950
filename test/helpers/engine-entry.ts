/**
 * The engine as its own process for fault tests: what `npm start` runs, minus the console build, on
 * port 0. Prints one JSON line `{"port": N}` once it listens. Exits 1 when the data directory is locked.
 */
import { loadConfigOrExit } from '../../src/config.js';
import { buildEngine, exitIfDataDirLocked } from '../../src/engine.js';

const config = loadConfigOrExit();
try {
  const engine = await buildEngine(config);
  if (config.workers) await engine.startWorkers();
  const server = engine.app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
  });
  process.on('SIGTERM', () => {
    server.close();
    void engine.close().then(() => process.exit(0));
  });
} catch (error) {
  exitIfDataDirLocked(error, 'engine-entry: data directory locked');
  console.error(error);
  process.exit(1);
}
