// A stand-in parent for the watchdog test: starts DynamoDB Local, prints the Java pid, and waits to be killed.
import { startLocalDynamo } from '../../functions/local/dynamodb-local';

const local = await startLocalDynamo();
console.log(`java-pid ${local.pid}`);
setInterval(() => {}, 1000);
