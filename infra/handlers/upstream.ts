/**
 * GET /upstream: a dependency that refuses the connection, 502. A real TCP connect to a port
 * nothing listens on (fetch would refuse port 1 before connecting, so node:net is used).
 */
import { connect } from 'node:net';
import { logger, route } from './wrap.js';

const UNUSED_PORT = 1;

const callInventory = () =>
  new Promise<never>((_resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: UNUSED_PORT });
    socket.once('connect', () => {
      socket.destroy();
      reject(new Error('inventory service answered on a port that should be closed'));
    });
    socket.once('error', (cause) => reject(new Error('Inventory service call failed', { cause })));
  });

export const handler = route(async () => {
  logger.info('Calling the inventory service');
  return callInventory();
});
