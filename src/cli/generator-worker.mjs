/**
 * Worker thread for `insats generate`: builds the COPY data of the chunks the main thread asks for
 * (`{ spec, from, to }`, answered in order) while the main thread loads the previous one. Plain
 * JavaScript that registers tsx itself, so it loads the same way under node, tsx and vitest.
 */
import { parentPort } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
const { buildChunk } = await import('./generator.ts');

parentPort.on('message', ({ spec, from, to }) => {
  try {
    const c = buildChunk(spec, from, to);
    parentPort.postMessage(c, [c.person.buffer, c.enrolment.buffer, c.followUp.buffer]);
  } catch (err) {
    parentPort.postMessage({ error: String(err?.message ?? err) });
  }
});
