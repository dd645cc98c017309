import { AppError } from '../../../shared/contract';

/** Where the user's own OpenAI-compatible server (Ollama, llama.cpp server, LM Studio) listens. */
export interface LlmSettings {
  /** Base URL such as `http://127.0.0.1:11434/v1`; requests go to `${endpoint}/chat/completions`. */
  endpoint: string;
  model: string;
  /** Limit for the whole exchange, from sending the request to the last byte of the answer. */
  timeoutMs: number;
  apiKey?: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface StreamChatOptions {
  signal: AbortSignal;
  onToken: (text: string) => void;
  /** Longest answer accepted; a model that loops would otherwise stream until the overall timeout. */
  maxChars?: number;
  /** Longest silence between two chunks once the answer has started. */
  idleTimeoutMs?: number;
}

export const DEFAULT_MAX_CHARS = 16_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 10_000;

const UNREACHABLE_HINT = 'Start Ollama (ollama serve), the llama.cpp server or LM Studio, or check the endpoint in Settings.';
const EXCERPT_CHARS = 200;

/** Builds the chat-completions URL, refusing anything that is not plain http(s). */
export function chatCompletionsUrl(endpoint: string): URL {
  const base = endpoint.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(`${base}/chat/completions`);
  } catch {
    throw new AppError(
      'bad_request',
      `The local model endpoint "${excerpt(endpoint)}" is not a URL.`,
      'Enter a base URL such as http://127.0.0.1:11434/v1 in Settings.',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError(
      'bad_request',
      `The local model endpoint must use http or https, not ${url.protocol.replace(':', '')}.`,
      'Enter a base URL such as http://127.0.0.1:11434/v1 in Settings.',
    );
  }
  return url;
}

/**
 * Sends one chat-completions request and returns the whole answer, reporting each streamed piece
 * through `onToken`. Every way out (success, error, timeout, cancellation) aborts the request so
 * the socket is released and the server stops generating.
 */
export async function streamChat(settings: LlmSettings, messages: ChatMessage[], options: StreamChatOptions): Promise<string> {
  const url = chatCompletionsUrl(settings.endpoint);
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const server = `the local model server at ${url.origin}`;

  const cancelled = () => new AppError('cancelled', 'Refining with the local model was cancelled.');
  if (options.signal.aborted) throw cancelled();

  const controller = new AbortController();
  // The first reason to stop wins; every later failure (the aborted fetch, the errored body) is its echo.
  let stop: AppError | undefined;
  const halt = (err: AppError): AppError => {
    if (!stop) {
      stop = err;
      controller.abort(err);
    }
    return stop;
  };
  const onCallerAbort = () => halt(cancelled());
  options.signal.addEventListener('abort', onCallerAbort, { once: true });

  const overall = setTimeout(
    () =>
      halt(
        new AppError(
          'timeout',
          `The local model "${excerpt(settings.model)}" did not finish its answer within ${seconds(settings.timeoutMs)}.`,
          'Use a smaller or faster model, raise the local model timeout in Settings, or use the built-in refiner.',
        ),
      ),
    settings.timeoutMs,
  );
  let idle: NodeJS.Timeout | undefined;
  // Armed only once the body starts: loading the model and reading the long system prompt can
  // take a while before the first token, and the overall limit already bounds that wait.
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(
      () =>
        halt(
          new AppError(
            'timeout',
            `The local model "${excerpt(settings.model)}" stopped sending for ${seconds(idleMs)} in the middle of its answer.`,
            'Check the model server (it may have run out of memory), or use the built-in refiner.',
          ),
        ),
      idleMs,
    );
  };

  const unreachable = (err: unknown) => new AppError('engine_unavailable', `Could not reach ${server}${causeOf(err)}.`, UNREACHABLE_HINT, [`POST ${url.href}`]);
  const dropped = (err: unknown) =>
    new AppError('engine_unavailable', `The connection to ${server} broke off in the middle of the answer${causeOf(err)}.`, UNREACHABLE_HINT);
  const tooLong = () =>
    new AppError(
      'unsupported',
      `The local model's answer grew past ${maxChars.toLocaleString('en-US')} characters, so it was stopped.`,
      'The model may be repeating itself: try another model, or use the built-in refiner.',
    );

  // A JSON answer cut off at the server's output or context limit can never parse; saying why beats "not usable".
  const cutShort = () =>
    new AppError(
      'unsupported',
      `The local model "${excerpt(settings.model)}" hit its output or context limit before finishing the answer.`,
      'Raise the context length of the model server (for Ollama: num_ctx, e.g. 8192), pick a model with a longer context, or use the built-in refiner.',
    );

  // Only the network calls are mapped; an error thrown by `onToken` belongs to the caller and passes through.
  const guard = async <T>(work: Promise<T>, onError: (err: unknown) => AppError): Promise<T> => {
    try {
      return await work;
    } catch (err) {
      throw stop ?? onError(err);
    }
  };

  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream, application/json' };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;

  try {
    const response = await guard(
      fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          model: settings.model,
          messages,
          stream: true,
          temperature: 0.2,
          response_format: { type: 'json_object' },
        }),
        signal: controller.signal,
        redirect: 'error',
      }),
      unreachable,
    );

    const decoder = new TextDecoder();
    if (!response.ok) {
      let body = '';
      const errorReader = response.body?.getReader();
      while (errorReader && body.length < 4096) {
        const { done, value } = await guard(errorReader.read(), dropped);
        if (done) break;
        touch();
        body += decoder.decode(value, { stream: true });
      }
      throw httpError(response.status, response.statusText, body, settings.model, server);
    }
    if (!response.body) throw new AppError('engine_unavailable', `${capitalise(server)} answered with an empty body.`, compatibleHint());
    const reader = response.body.getReader();

    const contentType = response.headers.get('content-type') ?? '';
    let mode: 'sse' | 'json' | 'sniff' = /event-stream/i.test(contentType) ? 'sse' : /json/i.test(contentType) ? 'json' : 'sniff';

    let text = '';
    let finishReason: string | null = null;
    const emit = (piece: unknown) => {
      if (typeof piece !== 'string' || piece.length === 0) return;
      if (text.length + piece.length > maxChars) throw halt(tooLong());
      text += piece;
      options.onToken(piece);
    };
    const onEvent = (data: string): boolean => {
      if (data.trim() === '[DONE]') return true;
      let event: unknown;
      try {
        event = JSON.parse(data);
      } catch {
        throw new AppError('engine_unavailable', `${capitalise(server)} sent a stream event that is not JSON: ${excerpt(data)}`, compatibleHint());
      }
      const failure = errorMessageOf(event);
      if (failure !== null) throw new AppError('engine_unavailable', `${capitalise(server)} reported an error mid-answer: ${failure}`, serverErrorHint());
      const choice = firstChoice(event);
      if (typeof choice?.finish_reason === 'string') finishReason = choice.finish_reason;
      emit(choice?.delta?.content);
      return false;
    };
    const sse = new SseLines(onEvent, maxChars * 4 + 65_536, () => halt(tooLong()));
    let raw = '';
    const rawLimit = maxChars * 8 + 65_536;

    let finished = false;
    while (!finished) {
      const { done, value } = await guard(reader.read(), dropped);
      if (done) break;
      touch();
      const chunk = decoder.decode(value, { stream: true });
      if (mode === 'sniff') {
        raw += chunk;
        if (raw.length > rawLimit) throw halt(tooLong());
        const start = raw.trimStart();
        if (start.length === 0) continue;
        mode = /^(data|event|id|retry)?:/.test(start) ? 'sse' : 'json';
        if (mode === 'sse') {
          finished = sse.push(raw);
          raw = '';
        }
        continue;
      }
      if (mode === 'sse') {
        finished = sse.push(chunk);
      } else {
        raw += chunk;
        if (raw.length > rawLimit) throw halt(tooLong());
      }
    }
    if (stop) throw stop;

    if (mode === 'sse') {
      if (!finished) sse.push(`${decoder.decode()}\n\n`);
      if (finishReason === 'length') throw cutShort();
      return text;
    }

    raw += decoder.decode();
    let reply: unknown;
    try {
      reply = JSON.parse(raw);
    } catch {
      throw new AppError('engine_unavailable', `${capitalise(server)} answered with neither an event stream nor JSON: ${excerpt(raw)}`, compatibleHint());
    }
    const failure = errorMessageOf(reply);
    if (failure !== null) throw new AppError('engine_unavailable', `${capitalise(server)} reported an error: ${failure}`, serverErrorHint());
    const content = firstChoice(reply)?.message?.content;
    if (typeof content !== 'string') {
      throw new AppError('engine_unavailable', `${capitalise(server)} answered without choices[0].message.content: ${excerpt(raw)}`, compatibleHint());
    }
    emit(content);
    if (firstChoice(reply)?.finish_reason === 'length') throw cutShort();
    return text;
  } finally {
    clearTimeout(overall);
    clearTimeout(idle);
    options.signal.removeEventListener('abort', onCallerAbort);
    controller.abort();
  }
}

/**
 * Splits a Server-Sent Events byte stream into `data` payloads. OpenAI-style servers put one JSON
 * object on each `data:` line; multi-line data (the SSE standard) is joined up to the blank line.
 */
class SseLines {
  private buffer = '';
  private pending: string[] = [];

  constructor(
    private readonly onData: (data: string) => boolean,
    private readonly maxLine: number,
    private readonly onOverflow: () => AppError,
  ) {}

  /** Returns true once the stream said `[DONE]`. */
  push(chunk: string): boolean {
    this.buffer += chunk;
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl < 0) break;
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      if (this.line(line)) return true;
    }
    if (this.buffer.length > this.maxLine) throw this.onOverflow();
    return false;
  }

  private line(line: string): boolean {
    if (line === '') return this.flush();
    if (line.startsWith(':')) return false;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'error') {
      throw new AppError('engine_unavailable', `The local model server reported an error mid-answer: ${excerpt(value)}`, serverErrorHint());
    }
    if (field !== 'data') return false;
    // Servers that omit the blank line between events still send complete JSON per line.
    if (this.pending.length === 0 && isCompleteEvent(value)) return this.onData(value);
    this.pending.push(value);
    return false;
  }

  private flush(): boolean {
    if (this.pending.length === 0) return false;
    const data = this.pending.join('\n');
    this.pending = [];
    return this.onData(data);
  }
}

function isCompleteEvent(value: string): boolean {
  if (value.trim() === '[DONE]') return true;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

interface ChoiceLike {
  delta?: { content?: unknown };
  message?: { content?: unknown };
  finish_reason?: unknown;
}

function firstChoice(value: unknown): ChoiceLike | undefined {
  if (!isRecord(value) || !Array.isArray(value.choices)) return undefined;
  const choice: unknown = value.choices[0];
  return isRecord(choice) ? (choice as ChoiceLike) : undefined;
}

function errorMessageOf(value: unknown): string | null {
  if (!isRecord(value) || value.error === undefined || value.error === null) return null;
  const { error } = value;
  if (typeof error === 'string') return excerpt(error);
  if (isRecord(error) && typeof error.message === 'string') return excerpt(error.message);
  return excerpt(JSON.stringify(error));
}

function httpError(status: number, statusText: string, body: string, model: string, server: string): AppError {
  let detail = '';
  try {
    detail = errorMessageOf(JSON.parse(body)) ?? '';
  } catch {
    detail = '';
  }
  if (!detail) detail = excerpt(body);
  const head = `${capitalise(server)} answered HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  const message = detail ? `${head}: ${detail}` : `${head}.`;
  let hint: string;
  if (status === 401 || status === 403) hint = 'Check the API key for the local model in Settings.';
  else if (status === 404) {
    hint = `Check that the endpoint ends in /v1 and that the model "${excerpt(model)}" is installed (for Ollama: ollama pull ${excerpt(model)}).`;
  } else if (status >= 500) hint = serverErrorHint();
  else hint = UNREACHABLE_HINT;
  return new AppError('engine_unavailable', message, hint);
}

function serverErrorHint(): string {
  return 'Check the model server log (the model may not fit in memory), pick another model in Settings, or use the built-in refiner.';
}

function compatibleHint(): string {
  return 'Point the endpoint at an OpenAI-compatible API (it usually ends in /v1), or use the built-in refiner.';
}

function causeOf(err: unknown): string {
  const cause = err instanceof Error && err.cause !== undefined ? err.cause : err;
  if (isRecord(cause) && typeof cause.code === 'string') return ` (${cause.code})`;
  if (cause instanceof Error && cause.message) return ` (${excerpt(cause.message)})`;
  return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${s >= 10 ? Math.round(s) : Math.round(s * 10) / 10} s`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
