import { useState } from 'react';
import { CreateNoteBody, DAY_MS, type Note, parseRichText } from '@panda/shared';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { Alert, LoadError } from '../../components/Alert';
import { SelectField, TextField } from '../../components/fields';
import { FilterBar, SearchField } from '../../components/FilterBar';
import { Page } from '../../components/Page';
import { RichTextView } from '../../components/RichTextView';
import { useCursorList } from '../../hooks/useCursorList';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useQuery } from '../../hooks/useQuery';
import { errorUnder, useSubmit } from '../../hooks/useSubmit';
import { activeFilters, useUrlFilters } from '../../hooks/useUrlFilters';
import { useT } from '../../i18n';
import { textKind, type TextDraft } from '../materials/content/TextEditor';

const FILTERS = ['q', 'lessonId'] as const;
/** The lessons a note may be about: the last two months and the coming week. */
const LESSONS_BACK_DAYS = 60;

type Editing = { note: Note | null } | null;

/** The student's own notes: per lesson or free-standing, rich text, searchable. */
export function NotesPage() {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const { filters, setFilters } = useUrlFilters(FILTERS);
  const q = useDebouncedValue(filters.q, 300);
  const notes = useCursorList((cursor, signal) => api.notes(activeFilters({ ...filters, q }), cursor, signal), [q, filters.lessonId]);
  const [range] = useState(() => ({ from: new Date(Date.now() - LESSONS_BACK_DAYS * DAY_MS).toISOString(), to: new Date(Date.now() + 7 * DAY_MS).toISOString() }));
  const lessons = useQuery((signal) => api.myLessons(range, signal), [range]);
  const lessonName = (id: string | null) => {
    const lesson = lessons.data?.items.find((item) => item.id === id);
    return lesson ? `${lesson.title ?? t(`language.${lesson.language}`)}, ${format.date(lesson.startsAt)}` : t('notes.someLesson');
  };
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <Page
      title={t('nav.notes')}
      testId="notes"
      actions={
        <button type="button" className="btn" data-testid="new-note" onClick={() => setEditing({ note: null })}>
          {t('notes.new')}
        </button>
      }
    >
      {editing && (
        <NoteEditor
          key={editing.note?.id ?? 'new'}
          note={editing.note}
          lessons={(lessons.data?.items ?? []).map((lesson) => ({ id: lesson.id, name: lessonName(lesson.id) }))}
          onDone={() => {
            setEditing(null);
            notes.reload();
          }}
        />
      )}
      <FilterBar>
        <SearchField label={t('notes.search')} value={filters.q} onChange={(value) => setFilters({ q: value })} data-testid="notes-search" />
        <SelectField label={t('notes.lesson')} value={filters.lessonId} onChange={(event) => setFilters({ lessonId: event.target.value })}>
          <option value="">{t('notes.anyLesson')}</option>
          {lessons.data?.items.map((lesson) => (
            <option key={lesson.id} value={lesson.id}>
              {lessonName(lesson.id)}
            </option>
          ))}
        </SelectField>
      </FilterBar>
      {notes.error && <LoadError error={notes.error} onRetry={notes.reload} />}
      {notes.items?.length === 0 && <p className="empty">{t('notes.empty')}</p>}
      <ul className="note-list">
        {notes.items?.map((note) => (
          <li key={note.id} className="card" data-testid="note">
            <h2>{note.title}</h2>
            <p className="muted">
              {note.lessonId ? lessonName(note.lessonId) : t('notes.free')} · {format.date(note.updatedAt)}
            </p>
            <RichTextView doc={note.content} headingLevel={3} />
            <button type="button" className="btn btn-small btn-secondary" onClick={() => setEditing({ note })}>
              {t('common.edit')}
            </button>
          </li>
        ))}
      </ul>
      {notes.hasMore && (
        <button type="button" className="btn btn-secondary" onClick={notes.loadMore}>
          {t('common.showMore')}
        </button>
      )}
    </Page>
  );
}

interface NoteEditorProps {
  note: Note | null;
  lessons: Array<{ id: string; name: string }>;
  onDone: () => void;
}

function NoteEditor({ note, lessons, onDone }: NoteEditorProps) {
  const t = useT();
  const [title, setTitle] = useState(note?.title ?? '');
  const [lessonId, setLessonId] = useState(note?.lessonId ?? '');
  const [text, setText] = useState<TextDraft>(() => (note ? textKind.fromContent({ doc: note.content }) : textKind.empty()));
  const { fieldErrors, formError, pending, submit } = useSubmit();
  const input = { title, content: parseRichText(text.markdown), ...(lessonId ? { lessonId } : {}) };

  return (
    <form
      className="card"
      data-testid="note-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(CreateNoteBody, input, async (body) => {
          await (note ? api.updateNote(note.id, { ...body, lessonId: body.lessonId ?? null }) : api.createNote(body));
          onDone();
        });
      }}
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField label={t('notes.title')} value={title} error={fieldErrors.title} onChange={(event) => setTitle(event.target.value)} data-testid="note-title" />
      <SelectField label={t('notes.lesson')} value={lessonId} error={fieldErrors.lessonId} onChange={(event) => setLessonId(event.target.value)}>
        <option value="">{t('notes.free')}</option>
        {lessons.map((lesson) => (
          <option key={lesson.id} value={lesson.id}>
            {lesson.name}
          </option>
        ))}
      </SelectField>
      <textKind.Editor draft={text} onChange={setText} errors={{ doc: errorUnder(fieldErrors, 'content') }} />
      <div className="page-actions">
        <button type="submit" className="btn" disabled={pending} data-testid="note-save">
          {t('common.save')}
        </button>
        {note && (
          <button type="button" className="btn btn-secondary" onClick={() => void api.removeNote(note.id).then(onDone)}>
            {t('common.remove')}
          </button>
        )}
        <button type="button" className="btn btn-secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
