/** The service's name in logs, metrics, Kafka client ids and CloudEvents sources. */
export const SERVICE_NAME = 'connection-store';
