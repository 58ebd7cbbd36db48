/** The form being filled: progress, connection and missing-answer alerts, the current step, back and next. */
import { Alert, Button, Progress } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { formatInteger } from '../../lib/format.ts';
import { DoneScreen } from './done-screen.tsx';
import type { PublicForm } from './form-logic.ts';
import { IntroStep } from './intro-step.tsx';
import { QuestionStep } from './question-step.tsx';
import { useOnline } from './survey-device.ts';
import type { SurveyFormMessages } from './survey-form.messages.ts';
import { useSurveyDraft } from './use-survey-draft.ts';

export function SurveyForm({ form, code, access, storageKey, m }: { form: PublicForm; code: string; access: { token?: string; desk?: string }; storageKey: string; m: SurveyFormMessages }) {
  const online = useOnline();
  const { lang } = useI18n();
  const { kiosk, draft, setDraft, done, showMissing, topRef, needUnit, needGroup, needDossier, total, step, position, section, isLast, introMissing, missing, stepMissing, go, next, startOver, editAgain } = useSurveyDraft({
    form,
    code,
    access,
    storageKey,
  });

  if (done) return <DoneScreen status={done} kiosk={kiosk} m={m} onNew={startOver} onEdit={editAgain} />;

  const percent = Math.round(((position + 1) / total) * 100);
  return (
    <div ref={topRef} className="sf-form">
      <div className="sf-progress" aria-live="polite">
        <div className="sf-progress__label">
          <span>{m.stepOf(formatInteger(position + 1, lang), formatInteger(total, lang))}</span>
          {section && <span className="sf-progress__section">{section.section.title}</span>}
        </div>
        <Progress percent={percent} showInfo={false} strokeColor="#0b4f9c" size={{ height: 8 }} aria-label={m.stepOf(String(position + 1), String(total))} />
      </div>
      {!online && <Alert className="sf-alert" type="warning" showIcon title={m.offlineBanner} />}
      {showMissing && stepMissing > 0 && step > 0 && <Alert className="sf-alert" type="error" showIcon title={m.missingSummary(formatInteger(stepMissing, lang))} role="alert" />}

      {step === 0 ? (
        <IntroStep form={form} draft={draft} setDraft={setDraft} showMissing={showMissing} introMissing={introMissing} needGroup={needGroup} needUnit={needUnit} needDossier={needDossier} m={m} />
      ) : (
        section && <QuestionStep form={form} section={section} position={position} draft={draft} setDraft={setDraft} showMissing={showMissing} missing={missing} m={m} />
      )}

      <nav className="sf-nav" aria-label="Điều hướng phiếu">
        {position > 0 && (
          <Button size="large" className="sf-nav__back" onClick={() => go(step - 1)}>
            {m.back}
          </Button>
        )}
        <Button type="primary" size="large" className="sf-nav__next" onClick={next}>
          {isLast ? m.submit : m.next}
        </Button>
      </nav>
    </div>
  );
}
