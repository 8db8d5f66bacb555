import { parentPort, workerData } from 'node:worker_threads';
import { buffersOf, measureNetwork, type MembershipInput } from './network.measure';

/*
 * The network worker: measures the whole partner network off the main thread, where
 * betweenness and Louvain at 10,000 organisations would stop the server for seconds. One
 * thread per network (see MeasureWorker in network.compute.ts): the memberships come as
 * workerData, the measures go back as one message, their buffers transferred. An error ends
 * the thread; the main thread then fails the requests waiting for it.
 */
const measured = measureNetwork(workerData as MembershipInput);
parentPort!.postMessage(measured, buffersOf(measured));
