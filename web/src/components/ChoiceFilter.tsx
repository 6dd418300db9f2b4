/** A list filter with one choice or "Any" (the lists keep their filters in the URL). */
export function ChoiceFilter<T extends string>({ id, label, value, choices, labels, onChange }: {
  id: string;
  label: string;
  value: T | undefined;
  choices: readonly T[];
  labels: Readonly<Record<T, string>>;
  onChange: (value: T | undefined) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : (e.target.value as T))}>
        <option value="">Any</option>
        {choices.map((c) => <option key={c} value={c}>{labels[c]}</option>)}
      </select>
    </div>
  );
}
