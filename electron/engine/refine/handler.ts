import { AppError, type ParsedInput, toErrorData } from '../../../shared/contract';
import { finalize, type Refinement, refineBuiltin } from '../../../shared/refine';
import { SPECIAL_TOKENS } from '../../../shared/refine/targets';
import { estimator } from '../../../shared/refine/tokens';
import { discoverPacks } from '../models/discovery';
import { loadSettings } from '../settings';
import type { EngineState } from '../state';
import { refineWithLlm } from './llm-refine';
import { resolveTarget } from './targets';

const TOKEN_FLUSH_MS = 50;
const MAX_TOKEN_EVENT_CHARS = 4000;

/**
 * `prompt.refine`: the built-in backend answers at once; the LLM backend streams through the
 * job system (so it can be cancelled) and falls back to the built-in backend, with a visible
 * notice, when the local model is down, slow or answers something unusable.
 */
export async function refine(input: ParsedInput<'prompt.refine'>, state: EngineState): Promise<Refinement> {
  const settingsOf = () => loadSettings(state.paths.settingsFile).then((l) => l.settings);
  const target = await resolveTarget(input.target, async () => (await discoverPacks(state.bundledModels, (await settingsOf()).modelFolders)).packs);
  const options = { target, seed: input.seed ?? 0, alternatives: input.alternatives ?? false, ...(input.scene ? { scene: input.scene } : {}) };
  if (input.backend !== 'llm') return refineBuiltin(input.prompt, options);
  const settings = await settingsOf();

  const builtin = refineBuiltin(input.prompt, options);
  if (!builtin.analysed && builtin.backend.notices[0]?.startsWith('The prompt has no words')) return builtin;
  const jobId = input.jobId ?? `refine_${Date.now().toString(36)}`;
  const resolved =
    typeof target === 'string'
      ? { target: builtin.target, counter: estimator(SPECIAL_TOKENS[target] ?? 2), method: 'estimate' as const }
      : { ...target, method: 'tokenizer' as const };
  try {
    return await state.jobs.run(jobId, 'prompt.refine', `Refining with ${settings.llm.model}`, async (ctx) => {
      let pending = '';
      let timer: NodeJS.Timeout | undefined;
      // Events carry at most MAX_TOKEN_EVENT_CHARS (the contract's limit): a busy machine or a
      // server that answers in one piece gathers more than that between flushes, and an event over
      // the limit is dropped by the UI, losing the streamed text.
      const flush = () => {
        timer = undefined;
        for (let i = 0; i < pending.length; i += MAX_TOKEN_EVENT_CHARS)
          state.emitEvent('refine.token', { jobId, text: pending.slice(i, i + MAX_TOKEN_EVENT_CHARS) });
        pending = '';
      };
      ctx.progress('waiting for the local model', null);
      try {
        return await refineWithLlm(
          { prompt: builtin.original, target: resolved.target, ...(input.scene ? { scene: input.scene } : {}) },
          settings.llm,
          {
            signal: ctx.signal,
            onToken: (text) => {
              pending += text;
              timer ??= setTimeout(flush, TOKEN_FLUSH_MS);
            },
          },
          (answer) =>
            finalize({
              original: builtin.original,
              refined: answer.refined,
              analysis: answer.analysis,
              analysed: true,
              backend: { id: 'llm', model: answer.model, notices: answer.notices },
              target: resolved.target,
              counter: resolved.counter,
              method: resolved.method,
              seed: input.seed ?? 0,
              alternatives: input.alternatives ?? false,
            }),
        );
      } finally {
        if (timer) clearTimeout(timer);
        flush();
      }
    });
  } catch (err) {
    const error = toErrorData(err);
    if (error.code === 'cancelled') throw new AppError('cancelled', 'Refinement was cancelled.');
    const notice = `The local LLM (${settings.llm.model} at ${settings.llm.endpoint}) was not used: ${error.message}${error.hint ? ` ${error.hint}` : ''} The built-in refiner answered instead.`;
    return { ...builtin, backend: { ...builtin.backend, notices: [notice.slice(0, 500), ...builtin.backend.notices].slice(0, 8) } };
  }
}
