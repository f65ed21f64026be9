/** @patchbay/local-gateway: the one base URL of deploy/local (see deploy/local/README.md). */
export * from './gateway.js';
export * from './service-routes.js';
