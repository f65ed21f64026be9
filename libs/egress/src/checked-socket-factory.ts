import { Socket } from 'node:net';

/** What a Kafka client (kafkajs `socketFactory`) asks for: a socket to one broker. */
export interface SocketRequest {
  host: string;
  port: number;
  onConnect: () => void;
}

/**
 * A socket factory for clients that open their own TCP connections (kafkajs: the bootstrap brokers and every
 * broker the cluster metadata names later). The socket is handed back at once and connects only to the address
 * `check` allowed; a refused destination destroys it with the check's error, which `onRefused` also receives
 * (kafkajs keeps only the message of a socket error, so a caller that wants the typed error keeps it there).
 * TLS is not handled here: the sockets are plain TCP.
 */
export function checkedSocketFactory(
  check: (host: string, port: number) => Promise<{ address: string }>,
  onRefused?: (error: Error) => void,
): (request: SocketRequest) => Socket {
  return ({ host, port, onConnect }) => {
    const socket = new Socket();
    check(host, port).then(
      (allowed) => socket.connect(port, allowed.address, onConnect),
      (error: Error) => {
        onRefused?.(error);
        socket.destroy(error);
      },
    );
    return socket;
  };
}
