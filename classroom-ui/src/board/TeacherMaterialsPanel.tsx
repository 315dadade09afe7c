import { isTeacherOnlyRecord, type BoardMaterial, type LessonPlanSummary, type MaterialKind } from '@panda/shared';
import { useEffect, useState } from 'react';
import { createShapeId, stopEventPropagation, useEditor, type Editor, type TLPageId } from 'tldraw';
import { asApiError } from '../api/client';
import { useT } from '../i18n';
import { api } from '../api/endpoints';
import { useBoard, type BoardContextValue } from './context';
import { shapeForMaterial } from './shapes';

interface PanelMaterial {
  id: string;
  kind: MaterialKind;
  title: string;
}

/**
 * The teacher's materials beside the board: the lesson's plan (or another plan opened on a new
 * page), and the whole library by search; "Show" puts a material on the board for everyone.
 */
export function TeacherMaterialsPanel() {
  const t = useT();
  const editor = useEditor();
  const board = useBoard();
  const [open, setOpen] = useState(true);
  const [plan, setPlan] = useState<{ title: string; materials: PanelMaterial[] } | null>(null);
  const [plans, setPlans] = useState<LessonPlanSummary[]>([]);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<PanelMaterial[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.lessonPlan(board.lessonId).then((result) => result.plan && setPlan(result.plan), () => undefined);
    api.plans({ language: undefined }, undefined).then((list) => setPlans(list.items), () => undefined);
  }, [board.lessonId]);

  const show = async (materialId: string) => {
    setError(null);
    try {
      placeMaterial(editor, board, await api.showMaterial(board.lessonId, materialId));
    } catch (failure) {
      setError(asApiError(failure).code);
    }
  };

  const openPlan = async (planId: string) => {
    const chosen = await api.plan(planId);
    setPlan(chosen);
    // Another plan gets its own page, so the current one stays as it is.
    const pageId = `page:${crypto.randomUUID()}` as TLPageId;
    editor.createPage({ id: pageId, name: chosen.title });
    editor.setCurrentPage(pageId);
  };

  const search = async () => {
    setError(null);
    try {
      setFound((await api.materials({ q: query.trim() || undefined }, undefined)).items);
    } catch (failure) {
      setError(asApiError(failure).code);
    }
  };

  if (!open) {
    return (
      <button type="button" className="btn btn-small materials-panel-toggle" onPointerDown={stopEventPropagation} onClick={() => setOpen(true)}>
        {t('board.materials.open')}
      </button>
    );
  }
  return (
    <aside className="materials-panel" data-testid="materials-panel" aria-label={t('board.materials.title')} onPointerDown={stopEventPropagation}>
      <header>
        <h3>{t('board.materials.title')}</h3>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(false)}>
          {t('board.materials.close')}
        </button>
      </header>
      <section>
        <h4>{plan ? plan.title : t('board.materials.noPlan')}</h4>
        <MaterialList materials={plan?.materials ?? []} onShow={show} />
        {plans.length > 0 && (
          <label className="field-inline">
            <span>{t('board.materials.otherPlan')}</span>
            <select value="" onChange={(event) => event.target.value && void openPlan(event.target.value)}>
              <option value="" />
              {plans.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </section>
      <section>
        <form
          className="materials-search"
          onSubmit={(event) => {
            event.preventDefault();
            void search();
          }}
        >
          <input type="search" aria-label={t('board.materials.search')} placeholder={t('board.materials.search')} value={query} onChange={(event) => setQuery(event.target.value)} />
          <button type="submit" className="btn btn-small">
            {t('board.materials.find')}
          </button>
        </form>
        {found && (found.length > 0 ? <MaterialList materials={found} onShow={show} /> : <p className="muted">{t('board.materials.nothingFound')}</p>)}
      </section>
      {error && <p className="error-text">{t(`error.${error}` as 'error.unexpected')}</p>}
    </aside>
  );
}

function MaterialList({ materials, onShow }: { materials: PanelMaterial[]; onShow: (id: string) => Promise<void> }) {
  const t = useT();
  return (
    <ul className="materials-list">
      {materials.map((material) => (
        <li key={material.id} data-material={material.title}>
          <span className={`kind-badge kind-${material.kind}`}>{t(`board.kind.${material.kind}`)}</span>
          <span className="materials-list-title">{material.title}</span>
          <button
            type="button"
            className="btn btn-small btn-secondary"
            aria-label={t('board.materials.showLabel', { title: material.title })}
            onClick={() => void onShow(material.id)}
          >
            {t('board.materials.show')}
          </button>
        </li>
      ))}
    </ul>
  );
}

const GAP = 40;

/**
 * Puts a shown material on the board: in the middle of what the teacher sees, or to the right of
 * the materials already on the page, so that none covers another.
 */
function placeMaterial(editor: Editor, board: BoardContextValue, material: BoardMaterial): void {
  const { type, w, h } = shapeForMaterial(material);
  const shown = editor.getCurrentPageShapes().filter((shape) => isTeacherOnlyRecord(shape));
  const center = editor.getViewportPageBounds().center;
  const right = Math.max(...shown.map((shape) => editor.getShapePageBounds(shape)?.maxX ?? -Infinity));
  const x = shown.length > 0 && Number.isFinite(right) ? right + GAP : center.x - w / 2;
  const id = createShapeId();
  editor.createShape({ id, type, x, y: center.y - h / 2, props: { w, h, material } });
  if (type === 'material-media') board.connection.playback.set(id, { playing: false, position: 0, at: Math.round(board.serverNow()) });
  editor.select(id);
  editor.zoomToFit({ animation: { duration: 200 } });
}
