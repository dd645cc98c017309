import type { DiffOp } from '../../../../shared/refine';

/** The refined prompt with the refiner's additions highlighted against the original. */
export function DiffView({ diff }: { diff: DiffOp[] }) {
  return (
    <p className="diff small" data-testid="diff">
      {diff.map((d, i) =>
        d.op === 'insert' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: diff parts have no identity but their position.
          <ins key={i}>{d.text}</ins>
        ) : d.op === 'delete' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <del key={i}>{d.text}</del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <span key={i}>{d.text}</span>
        ),
      )}
    </p>
  );
}
