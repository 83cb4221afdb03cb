// Preloaded into every stage the Supervisor starts (`node --import <this>`): the Supervisor holds
// the write end of the stage's stdin, so stdin ends exactly when the Supervisor's process is gone,
// even after a SIGKILL that let no exit hook run. The stage then stops as on Ctrl-C (SIGTERM: its
// graceful drain), and is forced out if that drain hangs (e.g. with the nats-server gone too).
const FORCE_AFTER_MS = 15_000;

const stdin = process.stdin;
stdin.on('end', stop);
stdin.on('close', stop);
stdin.on('error', stop);
stdin.resume();
// Watching must not keep a stage alive that has finished on its own.
stdin.unref?.();

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  // The stage leads its own process group (the supervisor starts it detached): whatever it started
  // goes with it, as when the supervisor stops it.
  try {
    process.kill(-process.pid, 'SIGTERM');
  } catch {
    process.kill(process.pid, 'SIGTERM');
  }
  setTimeout(() => process.exit(1), FORCE_AFTER_MS).unref();
}
