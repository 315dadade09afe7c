import { useMemo, useState } from 'react';
import { scoreTest, TestContent, toPublicItems, type TestAnswers } from '@panda/shared';
import { TestPlayer } from '../../../components/TestPlayer';
import { useT } from '../../../i18n';

/** Any fixed seed: the board shuffles by the material's id, a draft has none yet. */
const PREVIEW_SEED = 'preview';

/**
 * "Try it": the test as a student gets it, scored by the same engine the server uses, so the
 * teacher sees which answers count before any student does.
 */
export function TryTest({ content }: { content: unknown }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [answers, setAnswers] = useState<TestAnswers>({});
  const [checked, setChecked] = useState(false);
  const parsed = useMemo(() => TestContent.safeParse(content), [content]);
  const items = parsed.success ? parsed.data.items : null;
  const publicItems = useMemo(() => items && toPublicItems(items, PREVIEW_SEED), [items]);
  const result = checked && items ? scoreTest(items, answers) : undefined;

  const startOver = () => {
    setAnswers({});
    setChecked(false);
  };

  return (
    <section className="try-test" aria-labelledby="try-test-title">
      <header className="try-test-header">
        <h3 id="try-test-title">{t('test.try.title')}</h3>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          aria-expanded={open}
          onClick={() => setOpen((current) => !current)}
          data-testid="test-try"
        >
          {open ? t('test.try.hide') : t('test.try.show')}
        </button>
      </header>
      {open && !publicItems && <p className="muted">{t('test.try.incomplete')}</p>}
      {open && publicItems && (
        <>
          {parsed.data?.instructions && <p>{parsed.data.instructions}</p>}
          <TestPlayer items={publicItems} answers={answers} onChange={setAnswers} result={result} />
          <div className="form-actions">
            <button type="button" className="btn btn-secondary" onClick={startOver}>
              {t('test.try.startOver')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => setChecked(true)} data-testid="test-try-check">
              {t('test.try.check')}
            </button>
          </div>
          {result && (
            <p className="try-test-score" role="status" data-testid="test-try-score">
              {t('test.try.score', { score: result.score, max: result.maxScore })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
