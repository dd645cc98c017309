import { analyze } from '../refine/analyze';
import type { Scene } from '../scene/schema';
import { motionIntent } from './intent';

/**
 * What the user should know before generating: a verb the preview cannot show, and the motion it
 * will show instead. Shown with the perceived scene, so the notice comes before the clips do.
 */
export function motionPreflight(prompt: string, scene: Scene): string[] {
  if (!prompt.trim()) return [];
  const intent = motionIntent(prompt, scene, analyze(prompt).analysis);
  if (!intent.unsupported) return [];
  const subject = scene.objects.find((o) => o.id === intent.subjects[0])?.label ?? 'the object';
  const nearest = intent.unsupported.nearest === 'still' ? 'the picture at rest' : `“${intent.unsupported.nearest}”`;
  return [
    `The preview cannot show “${intent.unsupported.verb}” (it uses rigid-body physics): it will show ${nearest} instead. For that on purpose, try “the ${subject} ${intent.unsupported.suggestion}”; the render tier with a video model can try the verb itself.`,
  ];
}
