/** The first step when the link does not say it all: who answers, about which unit, for which dossier (at a desk). */
import { Input, Select } from 'antd';
import type { Draft, PublicForm } from './form-logic.ts';
import type { SurveyFormMessages } from './survey-form.messages.ts';

/** Lower case without diacritics, for searching unit names typed without accents. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/đ/gi, 'd').toLowerCase();
}

export function IntroStep({
  form,
  draft,
  setDraft,
  showMissing,
  introMissing,
  needGroup,
  needUnit,
  needDossier,
  m,
}: {
  form: PublicForm;
  draft: Draft;
  setDraft: (change: (d: Draft) => Draft) => void;
  showMissing: boolean;
  introMissing: { group: boolean; unit: boolean; dossier: boolean };
  needGroup: boolean;
  needUnit: boolean;
  needDossier: boolean;
  m: SurveyFormMessages;
}) {
  const q = form.questionnaire;
  return (
    <section className="sf-card">
      <h1 className="sf-h1">{q.title}</h1>
      {q.description && <p className="sf-desc">{q.description}</p>}
      {form.desk && <p className="sf-desc">{m.deskAt(form.desk.name)}</p>}
      {form.unit && (
        <p className="sf-fixed">
          {m.unitFixed}: <strong>{form.unit.name}</strong>
        </p>
      )}
      {needGroup && (
        <fieldset className={`sf-field${showMissing && introMissing.group ? ' sf-field--missing' : ''}`}>
          <legend className="sf-label">
            {m.groupLabel} <span className="sf-req">*</span>
          </legend>
          <div className="sf-options">
            {q.respondentGroups.map((g) => (
              <label key={g.code} className={`sf-option${draft.group === g.code ? ' sf-option--on' : ''}`}>
                <input type="radio" name="sf-group" value={g.code} checked={draft.group === g.code} onChange={() => setDraft((d) => ({ ...d, group: g.code }))} />
                <span>
                  {g.name}
                  {g.description && <small className="sf-option__hint">{g.description}</small>}
                </span>
              </label>
            ))}
          </div>
          {showMissing && introMissing.group && <p className="sf-error">{m.chooseGroup}</p>}
        </fieldset>
      )}
      {needUnit && (
        <div className={`sf-field${showMissing && introMissing.unit ? ' sf-field--missing' : ''}`}>
          <label className="sf-label" htmlFor="sf-unit">
            {m.unitLabel} <span className="sf-req">*</span>
          </label>
          <Select
            id="sf-unit"
            size="large"
            showSearch={{ filterOption: (input, option) => fold(String(option?.label ?? '')).includes(fold(input)) }}
            className="sf-select"
            placeholder={m.unitPlaceholder}
            value={draft.unitCode ?? undefined}
            onChange={(v: string) => setDraft((d) => ({ ...d, unitCode: v }))}
            options={form.units.map((u) => ({ value: u.code, label: u.name }))}
            status={showMissing && introMissing.unit ? 'error' : undefined}
          />
          {showMissing && introMissing.unit && <p className="sf-error">{m.chooseUnit}</p>}
        </div>
      )}
      {needDossier && (
        <div className={`sf-field${showMissing && introMissing.dossier ? ' sf-field--missing' : ''}`}>
          <label className="sf-label" htmlFor="sf-dossier">
            {m.dossierLabel} <span className="sf-req">*</span>
          </label>
          <Input id="sf-dossier" size="large" autoComplete="off" inputMode="text" value={draft.dossierCode} onChange={(e) => setDraft((d) => ({ ...d, dossierCode: e.target.value }))} status={showMissing && introMissing.dossier ? 'error' : undefined} />
          <p className="sf-help">{m.dossierHelp}</p>
          {showMissing && introMissing.dossier && <p className="sf-error">{m.enterDossier}</p>}
        </div>
      )}
      <p className="sf-help">{m.savedDraft}</p>
    </section>
  );
}
