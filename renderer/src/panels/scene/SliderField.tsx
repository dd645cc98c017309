import { NumberField } from '../../components/NumberField';

/** Positions on a log slider: fine enough that one arrow key press is a ~1–2% change. */
const LOG_STEPS = 1000;

/** Three significant figures: what a slider can set and a person can read. */
export function round3(v: number): number {
  return Number(v.toPrecision(3));
}

/**
 * A slider with a number field beside it for typing an exact value. With `log`, the slider moves
 * through orders of magnitude (masses from grams to tonnes) so small values do not all crowd at
 * the left end; the number field takes any value in range.
 */
export function SliderField({
  label,
  value,
  min,
  max,
  step,
  unit,
  log = false,
  format,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  unit?: string;
  log?: boolean;
  /** How the value reads beside the label and to screen readers (default: the number and unit). */
  format?: (v: number) => string;
  onChange: (v: number) => void;
}) {
  const text = format ? format(value) : unit ? `${value} ${unit}` : String(value);
  const lo = Math.log(min);
  const span = Math.log(max) - lo;
  const position = log ? Math.round(((Math.log(Math.min(max, Math.max(min, value))) - lo) / span) * LOG_STEPS) : value;
  return (
    <div className="slider-field">
      <label className="slider">
        <span className="small">
          {label} <span className="muted">{text}</span>
        </span>
        <input
          type="range"
          min={log ? 0 : min}
          max={log ? LOG_STEPS : max}
          step={log ? 1 : step}
          value={position}
          aria-label={label}
          aria-valuetext={text}
          onChange={(e) => {
            const v = Number(e.target.value);
            onChange(log ? round3(Math.exp(lo + (v / LOG_STEPS) * span)) : v);
          }}
        />
      </label>
      <NumberField
        inline
        hideLabel
        label={`${label}${unit ? ` (${unit})` : ''}`}
        aria={`${label} value${unit ? ` in ${unit}` : ''}`}
        value={log ? round3(value) : value}
        min={min}
        max={max}
        step={log ? 'any' : step}
        onChange={onChange}
      />
    </div>
  );
}
