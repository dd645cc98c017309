import { AppError } from '../../../shared/contract';
import type { ModelManifest } from '../../../shared/models/manifest';
import type { Session } from '../ort-session';

type Graph = ModelManifest['graphs'][number];
type Spec = Graph['inputs'][number];

const show = (shape: readonly (number | string)[]) => `[${shape.join(', ')}]`;

/** A declared tensor against what the graph really has: names, dtypes, ranks and fixed sizes. */
function compare(graph: Graph, kind: 'input' | 'output', declared: Spec, actual: Session['inputMetadata'][number] | undefined, names: readonly string[]): void {
  if (!actual) {
    throw new AppError(
      'integrity',
      `${graph.file}: the manifest declares ${kind} "${declared.name}", which the graph does not have (it has ${names.join(', ') || 'none'}).`,
      'The manifest does not describe this model: fix its graphs section, or copy the pack again.',
    );
  }
  if (!actual.isTensor) return;
  const hint = 'The manifest does not describe this model: fix its graphs section, or copy the pack again.';
  if (actual.type !== declared.dtype) {
    throw new AppError('integrity', `${graph.file}: ${kind} "${declared.name}" is ${actual.type} in the graph, but the manifest says ${declared.dtype}.`, hint);
  }
  // An unknown shape (empty) says nothing; otherwise ranks must agree and fixed sizes must match.
  if (actual.shape.length === 0) return;
  const mismatch =
    actual.shape.length !== declared.shape.length ||
    actual.shape.some((d, i) => typeof d === 'number' && d > 0 && typeof declared.shape[i] === 'number' && declared.shape[i] !== d);
  if (mismatch) {
    throw new AppError(
      'integrity',
      `${graph.file}: ${kind} "${declared.name}" has shape ${show(actual.shape)} in the graph, but the manifest says ${show(declared.shape)}.`,
      hint,
    );
  }
}

/** Refuses a graph whose real signature differs from its manifest entry, naming the file and the tensor. */
export function checkGraph(graph: Graph, session: Session): void {
  const inputs = new Map(session.inputMetadata.map((m) => [m.name, m]));
  const outputs = new Map(session.outputMetadata.map((m) => [m.name, m]));
  for (const spec of graph.inputs) compare(graph, 'input', spec, inputs.get(spec.name), session.inputNames);
  for (const spec of graph.outputs) compare(graph, 'output', spec, outputs.get(spec.name), session.outputNames);
  // An input the graph needs but the manifest leaves out would never be fed.
  const declared = new Set(graph.inputs.map((i) => i.name));
  const undeclared = session.inputNames.filter((n) => !declared.has(n));
  if (undeclared.length > 0) {
    throw new AppError(
      'integrity',
      `${graph.file}: the graph takes ${undeclared.map((n) => `"${n}"`).join(', ')}, which the manifest does not declare.`,
      'Add them to the graph’s inputs in manifest.json.',
    );
  }
}
