// Kills DynamoDB Local when the Node process that started it is gone, even after a SIGKILL that
// gave the parent no chance to clean up. Plain JS so it starts without a TypeScript loader.
const [parentPid, childPid] = process.argv.slice(2).map(Number);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const timer = setInterval(() => {
  if (!alive(childPid)) process.exit(0);
  if (!alive(parentPid)) {
    try {
      process.kill(childPid, 'SIGKILL');
    } catch {}
    clearInterval(timer);
    process.exit(0);
  }
}, 300);
