/** One fact of the wizard, by kind: yes/no/unknown radios, a choice with "Unknown", checkboxes, or a text box. */
import type { FactField } from '../../lib/law-facts.ts';
import { optionWords } from '../../lib/law-facts.ts';
import { PHIA_SCALE, formatRange } from '../../lib/likelihood.ts';

const idOf = (path: string): string => `fact-${path.replace(/\./g, '-')}`;

export function FactInput({ field, value, options, onChange }: {
  field: FactField;
  value: string | readonly string[] | undefined;
  /** For choices: the values the facts' schema allows. */
  options: readonly string[];
  onChange: (value: string | readonly string[]) => void;
}) {
  const id = idOf(field.path);
  const help = field.help ? <p id={`${id}-help`} className="muted small">{field.help}</p> : null;
  const described = field.help ? { 'aria-describedby': `${id}-help` } : {};
  const text = typeof value === 'string' ? value : '';

  if (field.kind === 'boolean') {
    return (
      <fieldset className="law-tri" {...described}>
        <legend>{field.label}</legend>
        {([['yes', 'Yes'], ['no', 'No'], ['', 'Unknown']] as const).map(([answer, label]) => (
          <label key={label} className="check">
            <input type="radio" name={id} value={answer} checked={text === answer} onChange={() => onChange(answer)} /> {label}
          </label>
        ))}
        {help}
      </fieldset>
    );
  }
  if (field.kind === 'choices') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="law-choices" {...described}>
        <legend>{field.label}</legend>
        {options.map((option) => (
          <label key={option} className="check">
            <input
              type="checkbox" checked={chosen.includes(option)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))}
            /> {optionWords(option)}
          </label>
        ))}
        <p className="muted small">None ticked: unknown.</p>
        {help}
      </fieldset>
    );
  }
  if (field.kind === 'choice' || field.kind === 'confidence') {
    const choices = field.kind === 'confidence'
      ? PHIA_SCALE.map((t) => [t.id, `${t.term} (${formatRange(t.range)})`] as const)
      : options.map((o) => [o, optionWords(o)] as const);
    return (
      <div className="field">
        <label htmlFor={id}>{field.label}</label>
        <select id={id} value={text} onChange={(e) => onChange(e.target.value)} {...described}>
          <option value="">Unknown</option>
          {choices.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
        </select>
        {help}
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <input id={id} inputMode={field.kind === 'amount' ? 'decimal' : undefined} value={text} onChange={(e) => onChange(e.target.value)} placeholder="Unknown" {...described} />
      {help}
    </div>
  );
}
