/** A step of questions: one section of the questionnaire, each question with its choices or text box. */
import { Input } from 'antd';
import type { Answer, Draft, PublicForm, PublicQuestion, Step } from './form-logic.ts';
import type { SurveyFormMessages } from './survey-form.messages.ts';

export function QuestionStep({
  form,
  section,
  position,
  draft,
  setDraft,
  showMissing,
  missing,
  m,
}: {
  form: PublicForm;
  section: Step;
  position: number;
  draft: Draft;
  setDraft: (change: (d: Draft) => Draft) => void;
  showMissing: boolean;
  missing: string[];
  m: SurveyFormMessages;
}) {
  const q = form.questionnaire;
  return (
    <section className="sf-card" aria-labelledby="sf-section-title">
      {position === 0 && (
        <>
          <h1 className="sf-h1">{q.title}</h1>
          {q.description && <p className="sf-desc">{q.description}</p>}
          {form.unit && (
            <p className="sf-fixed">
              {m.unitFixed}: <strong>{form.unit.name}</strong>
            </p>
          )}
        </>
      )}
      <h2 id="sf-section-title" className="sf-h2">
        {section.section.title}
      </h2>
      {section.questions.map((question) => (
        <QuestionField key={question.code} q={question} value={draft.answers[question.code]} missing={showMissing && missing.includes(question.code)} m={m} onChange={(a) => setDraft((d) => ({ ...d, answers: { ...d.answers, [question.code]: a } }))} />
      ))}
    </section>
  );
}

function QuestionField({ q, value, missing, onChange, m }: { q: PublicQuestion; value: Answer | undefined; missing: boolean; onChange: (a: Answer) => void; m: SurveyFormMessages }) {
  const id = `sf-q-${q.code}`;
  const head = (
    <>
      <span className="sf-q__code">{q.code}.</span> {q.text}
      {q.required && (
        <span className="sf-req" title={m.required}>
          {' '}
          *
        </span>
      )}
    </>
  );
  const error = missing && (
    <p className="sf-error" id={`${id}-err`}>
      {m.requiredMissing}
    </p>
  );
  if (q.type === 'text') {
    return (
      <div className={`sf-q${missing ? ' sf-q--missing' : ''}`}>
        <label className="sf-q__text" htmlFor={id}>
          {head}
        </label>
        <Input.TextArea id={id} rows={3} maxLength={2000} value={typeof value === 'string' ? value : ''} placeholder={q.required ? undefined : m.textPlaceholder} onChange={(e) => onChange(e.target.value)} aria-describedby={missing ? `${id}-err` : undefined} />
        {error}
      </div>
    );
  }
  const multiple = q.type === 'multiple';
  const chosen = Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : [];
  const toggle = (code: string) => {
    if (!multiple) return onChange(code);
    onChange(chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code]);
  };
  return (
    <fieldset className={`sf-q${missing ? ' sf-q--missing' : ''}`} aria-describedby={missing ? `${id}-err` : undefined} aria-invalid={missing || undefined}>
      <legend className="sf-q__text">{head}</legend>
      {multiple && <p className="sf-help">{m.multipleHint}</p>}
      <div className={`sf-options${q.type === 'scale' ? ' sf-options--scale' : ''}`}>
        {q.options.map((o) => {
          const on = chosen.includes(o.code);
          return (
            <label key={o.code} className={`sf-option${on ? ' sf-option--on' : ''}${o.level === undefined && q.type === 'scale' ? ' sf-option--aside' : ''}`}>
              <input type={multiple ? 'checkbox' : 'radio'} name={id} value={o.code} checked={on} onChange={() => toggle(o.code)} />
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
      {error}
    </fieldset>
  );
}
