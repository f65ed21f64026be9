/** What one operation call answers, as Logic Apps shows action outputs. */
export interface OperationResult {
  operationId: string;
  statusCode: number;
  headers: Record<string, string>;
  /** Parsed JSON, text, or a `{ $content-type, $content }` envelope; absent when empty. */
  body?: unknown;
}
