import { DRAWN_LABEL, useInput } from '../stores/input';

/**
 * Says, wherever the input picture is shown, that it was drawn from the prompt and is not a
 * photo; and when the prompt has changed since, that the next Generate draws it again.
 */
export function DrawnLabel({ testId }: { testId: string }) {
  const drawnFrom = useInput((s) => s.image?.drawnFrom);
  const changed = useInput((s) => s.image?.drawnFrom !== undefined && !!s.prompt.trim() && s.image.drawnFrom !== s.prompt);
  if (drawnFrom === undefined) return null;
  return (
    <p className="notice-inline drawn-label small" data-testid={testId} title={`Drawn from: “${drawnFrom}”`}>
      <strong>{DRAWN_LABEL}</strong>
      {changed && <span className="muted"> · the prompt changed since: Generate draws it again</span>}
    </p>
  );
}
