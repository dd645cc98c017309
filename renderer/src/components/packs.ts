import type { PhysStudioApi } from '../../../shared/contract';
import { useEngine } from '../stores/engine';
import { useJobs } from '../stores/jobs';
import { reportError, useNotices } from '../stores/notices';

/** Starts a background verification of one pack; progress shows in the queue, results as a notice. */
export async function verifyPack(api: PhysStudioApi, packId: string, name: string): Promise<void> {
  try {
    const result = await useJobs.getState().run(`Verifying ${name}`, (jobId) => api['models.verify']({ packId, jobId, force: true }));
    if (!result) return;
    const bad = result.files.find((f) => f.status !== 'ok');
    useNotices.getState().push(
      bad
        ? {
            kind: 'error',
            title: `${name} failed verification`,
            message: bad.message ?? `${bad.path}: ${bad.status}`,
            hint: 'Re-copy the pack folder, or re-download it from its source.',
          }
        : { kind: 'info', title: `${name} verified`, message: `${result.files.length} file(s) match their sha256.` },
    );
  } catch (err) {
    reportError(`Verifying ${name} failed`, err);
  } finally {
    void useEngine.getState().refreshDoctor(api);
  }
}
