/**
 * The engine as `npm start` runs it (config from the environment, workers in the process unless
 * WORKERS=false, the same handling of signals and unhandled failures), without building the web
 * console, for fault tests that kill real processes. Prints `{"port":…}` once it listens.
 */
import { loadConfigOrExit } from '../../src/config.js';
import { buildEngine } from '../../src/engine.js';
import { exitOnUnknownState } from '../../src/process-guard.js';

const config = loadConfigOrExit();
const engine = await buildEngine(config);
if (config.workers) await engine.startWorkers();
const server = engine.app.listen(config.port, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
const stop = async () => {
  server.close();
  await engine.close();
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
};
process.on('SIGTERM', () => void stop());
exitOnUnknownState(engine.logger, stop);
