import { fileURLToPath } from 'node:url';

/** Absolute path of a .proto file shipped with @patchbay/contracts (the .proto files are copied next to dist). */
function protoPath(file: string): string {
  return fileURLToPath(new URL(`../../proto/${file}`, import.meta.url));
}

export const CONNECTION_STORE_PROTO = protoPath('connection-store.proto');
export const CONNECTION_STORE_PACKAGE = 'patchbay.connectionstore.v1';
export const CONNECTION_STORE_SERVICE = 'ConnectionStore';
