import { useId, useMemo, useState } from 'react';
import { MATERIALS, type Material } from '../../../../shared/refine/kb/materials';

/** Solids only: liquids and gases are not bodies the simulation can hold. */
const SOLIDS = MATERIALS.filter((m) => m.state !== 'liquid' && m.state !== 'gas');

/** Materials whose name or any alias contains the query ("oak" finds wood, "metal" finds steel). */
export function matchMaterials(query: string): Material[] {
  const q = query.trim().toLowerCase();
  if (!q) return SOLIDS;
  const starts = SOLIDS.filter((m) => m.aliases.some((a) => a.startsWith(q)));
  const contains = SOLIDS.filter((m) => !starts.includes(m) && m.aliases.some((a) => a.includes(q)));
  return [...starts, ...contains];
}

/**
 * A searchable material list (ARIA combobox): type to filter by name or alias, arrows to move,
 * Enter to choose, Escape to leave it as it was.
 */
export function MaterialPicker({ value, onChoose, disabled }: { value: string; onChoose: (name: string) => void; disabled?: boolean }) {
  const id = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const open = query !== null;
  const options = useMemo(() => matchMaterials(query ?? ''), [query]);
  const close = () => {
    setQuery(null);
    setActive(0);
  };
  const choose = (m: Material | undefined) => {
    close();
    if (m && m.name !== value) onChoose(m.name);
  };
  return (
    <div className="combo">
      <label className="small muted" htmlFor={`${id}-input`}>
        Material
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-label="Material"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${id}-${options[active]?.name}` : undefined}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        placeholder={value}
        value={query ?? value}
        onFocus={(e) => {
          setQuery('');
          e.currentTarget.select();
        }}
        onBlur={close}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (!open) setQuery('');
            const n = options.length || 1;
            setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
          } else if (e.key === 'Enter' && open) {
            e.preventDefault();
            choose(options[active]);
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
      />
      {open && (
        <div className="combo__list" role="listbox" id={`${id}-list`} aria-label="Materials">
          {options.length === 0 && <div className="combo__empty small muted">No material matches “{query}”.</div>}
          {options.map((m, i) => (
            <div
              key={m.name}
              id={`${id}-${m.name}`}
              role="option"
              // Focus stays in the field; the active option is announced through aria-activedescendant.
              tabIndex={-1}
              aria-selected={i === active}
              className={`combo__option${i === active ? ' combo__option--active' : ''}`}
              // Chosen on press, before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(m);
              }}
              onMouseEnter={() => setActive(i)}
            >
              {m.name} <span className="muted small">{m.density} kg/m³</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
