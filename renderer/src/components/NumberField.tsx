/**
 * A typed number; values outside the range, half-typed ones and (with `integer`) fractions are
 * ignored rather than applied, so the setting never holds something the engine would refuse.
 */
export function NumberField({
  label,
  aria,
  value,
  min,
  max,
  step,
  integer = false,
  inline = false,
  hideLabel = false,
  testId,
  onChange,
}: {
  label: string;
  aria?: string;
  value: number;
  min: number;
  max: number;
  step: number | 'any';
  integer?: boolean;
  /** Label and field on one line, small (the Scene tab's style); else the inspector's stacked field. */
  inline?: boolean;
  /** The label is for screen readers only: the field sits beside a slider that shows it. */
  hideLabel?: boolean;
  testId?: string;
  onChange: (v: number) => void;
}) {
  return (
    <label className={inline ? 'field field--inline' : 'field'}>
      <span className={hideLabel ? 'visually-hidden' : inline ? 'small muted' : undefined}>{label}</span>
      <input
        type="number"
        className={inline ? 'number' : undefined}
        aria-label={aria}
        min={min}
        max={max}
        step={step}
        value={value}
        data-testid={testId}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v))) onChange(v);
        }}
      />
    </label>
  );
}
