import { ErrorCodes, type Message, type ResponseMessage } from 'vscode-languageserver/node';
import { paramsProblem } from './params.js';

/** What to do with one decoded JSON value from the client. */
export interface Verdict {
  /** A well-formed message to hand to the connection. */
  deliver?: Message;
  /** Error responses to send at once, instead of delivering. */
  replies: ResponseMessage[];
  /** A line for the server's log when something was refused or dropped. */
  log?: string;
}

type RequestId = number | string;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** `text` as a short, printable quotation for a log line (a client's method names are not trusted). */
export function printable(text: string, limit = 60): string {
  const shown = text.length > limit ? `${text.slice(0, limit)}…` : text;
  return JSON.stringify(shown);
}

export function errorResponse(id: RequestId | null, code: number, message: string): ResponseMessage {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

/**
 * The checks between the wire and the connection: the shape of JSON-RPC messages, the params of
 * the methods the server handles (`params.ts`), and LSP's rule that after `shutdown` only `exit`
 * is accepted. A malformed request is answered with an error; a malformed notification is dropped
 * and logged; nothing malformed reaches a handler.
 */
export class MessageGate {
  private shutdownRequested = false;

  /** Whether the client has sent `shutdown` (then `exit` ends the process with 0). */
  get shutdownReceived(): boolean {
    return this.shutdownRequested;
  }

  inspect(value: unknown): Verdict {
    if (Array.isArray(value)) {
      const ids = value.filter(isRecord).map((element) => element.id).filter(isRequestId);
      const message = 'JSON-RPC batches are not supported by the Language Server Protocol';
      return {
        replies: ids.length > 0 ? ids.map((id) => errorResponse(id, ErrorCodes.InvalidRequest, message)) : [errorResponse(null, ErrorCodes.InvalidRequest, message)],
        log: `refused a batch of ${value.length} messages`,
      };
    }
    if (!isRecord(value)) {
      const what = value === null ? 'null' : typeof value;
      return { replies: [errorResponse(null, ErrorCodes.InvalidRequest, `a message must be a JSON object, got ${what}`)], log: `refused a message that is ${what}, not an object` };
    }
    const { id, method } = value;
    if (id !== undefined && id !== null && !isRequestId(id)) {
      return { replies: [errorResponse(null, ErrorCodes.InvalidRequest, 'the id of a message must be a number or a string')], log: 'refused a message whose id is neither a number nor a string' };
    }
    if (method === undefined) {
      if (isRequestId(id) && ('result' in value || 'error' in value)) return { deliver: value as unknown as ResponseMessage, replies: [] };
      return { replies: [errorResponse(isRequestId(id) ? id : null, ErrorCodes.InvalidRequest, 'a message must have a method, or a result or an error')], log: 'refused a message without a method, a result or an error' };
    }
    if (typeof method !== 'string') {
      return { replies: [errorResponse(isRequestId(id) ? id : null, ErrorCodes.InvalidRequest, 'the method of a message must be a string')], log: 'refused a message whose method is not a string' };
    }
    if (id === null) {
      return { replies: [errorResponse(null, ErrorCodes.InvalidRequest, 'a request id must not be null')], log: `refused ${printable(method)} with a null id` };
    }
    const params = value.params;
    if (params !== undefined && typeof params !== 'object') {
      const problem = `params must be an object or an array, got ${typeof params}`;
      return id === undefined ? { replies: [], log: `dropped notification ${printable(method)}: ${problem}` } : { replies: [errorResponse(id, ErrorCodes.InvalidRequest, problem)], log: `refused request ${printable(method)}: ${problem}` };
    }
    const isRequest = id !== undefined;
    if (this.shutdownRequested && method !== 'exit') {
      if (!isRequest) return { replies: [], log: `dropped notification ${printable(method)} received after shutdown` };
      return {
        replies: [errorResponse(id, ErrorCodes.InvalidRequest, `the server is shut down: ${method} is refused (only exit is accepted after shutdown)`)],
        log: `refused request ${printable(method)} received after shutdown`,
      };
    }
    const problem = paramsProblem(method, params);
    if (problem) {
      if (!isRequest) return { replies: [], log: `dropped notification ${printable(method)}: ${problem}` };
      return { replies: [errorResponse(id, ErrorCodes.InvalidParams, `${method}: ${problem}`)], log: `refused request ${printable(method)}: ${problem}` };
    }
    if (isRequest && method === 'shutdown') this.shutdownRequested = true;
    return { deliver: value as unknown as Message, replies: [] };
  }
}
