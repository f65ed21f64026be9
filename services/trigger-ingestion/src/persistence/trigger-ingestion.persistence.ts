import { Schedules1764180000000 } from './migrations/1764180000000-schedules.js';

export const TRIGGER_INGESTION_SCHEMA = 'trigger_ingestion';
export const TRIGGER_INGESTION_MIGRATIONS = [Schedules1764180000000];
