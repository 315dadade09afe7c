import { useState } from 'react';
import { AddDictionaryEntryBody, UpdateDictionaryEntryBody, type DictionaryEntry, type Language } from '@panda/shared';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { Alert, LoadError } from '../../components/Alert';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { FileUpload } from '../../components/FileUpload';
import { FilterBar, SearchField } from '../../components/FilterBar';
import { MediaPlayer } from '../../components/MediaPlayer';
import { useCursorList } from '../../hooks/useCursorList';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useQuery } from '../../hooks/useQuery';
import { useSubmit } from '../../hooks/useSubmit';
import { activeFilters, useUrlFilters } from '../../hooks/useUrlFilters';
import { useT } from '../../i18n';
import { AudioRecorder } from './AudioRecorder';

const FILTERS = ['q', 'tag', 'lessonId'] as const;

export function WordsTab() {
  const t = useT();
  const { filters, setFilters } = useUrlFilters(FILTERS);
  const q = useDebouncedValue(filters.q, 300);
  const request = activeFilters({ ...filters, q });
  const words = useCursorList((cursor, signal) => api.dictionary(request, cursor, signal), [q, filters.tag, filters.lessonId]);
  const tags = useQuery((signal) => api.dictionaryTags(signal), []);
  // A word added or removed may bring or take away a tag.
  const changed = () => {
    words.reload();
    tags.reload();
  };

  return (
    <>
      <WordForm entry={null} onSaved={changed} />
      <FilterBar>
        <SearchField label={t('dictionary.search')} value={filters.q} onChange={(value) => setFilters({ q: value })} data-testid="dictionary-search" />
        <SelectField label={t('dictionary.tag')} value={filters.tag} onChange={(event) => setFilters({ tag: event.target.value })}>
          <option value="">{t('dictionary.anyTag')}</option>
          {tags.data?.items.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </SelectField>
        {filters.lessonId && (
          <button type="button" className="btn btn-small btn-secondary" onClick={() => setFilters({ lessonId: '' })}>
            {t('dictionary.allLessons')}
          </button>
        )}
      </FilterBar>
      {words.error && <LoadError error={words.error} onRetry={words.reload} />}
      {words.items?.length === 0 && <p className="empty">{t('dictionary.empty')}</p>}
      <ul className="word-list" data-testid="dictionary-words">
        {words.items?.map((entry) => (
          <WordRow key={entry.id} entry={entry} onLesson={(lessonId) => setFilters({ lessonId })} onChanged={changed} />
        ))}
      </ul>
      {words.hasMore && (
        <button type="button" className="btn btn-secondary" onClick={words.loadMore}>
          {t('common.showMore')}
        </button>
      )}
    </>
  );
}

function WordRow({ entry, onLesson, onChanged }: { entry: DictionaryEntry; onLesson: (lessonId: string) => void; onChanged: () => void }) {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li>
        <WordForm
          entry={entry}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="card word-card" data-testid="dictionary-word">
      <p>
        <strong lang={entry.language}>{entry.word}</strong> {entry.transcription && <span className="muted">{entry.transcription}</span>} — {entry.translation}
      </p>
      {entry.example && <p className="muted">{entry.example}</p>}
      {entry.audioFileId && <MediaPlayer kind="audio" source={{ fileId: entry.audioFileId }} label={entry.word} />}
      <p className="muted">
        {entry.tags.map((tag) => (
          <span key={tag} className="badge">
            {tag}
          </span>
        ))}{' '}
        {entry.addedBy && t('dictionary.addedBy', { name: entry.addedBy.name })} {t('dictionary.due', { date: format.date(entry.schedule.due) })}
      </p>
      <div className="page-actions">
        {entry.lessonId && (
          <button type="button" className="btn btn-small btn-secondary" onClick={() => onLesson(entry.lessonId as string)}>
            {t('dictionary.fromLesson')}
          </button>
        )}
        <button type="button" className="btn btn-small btn-secondary" data-testid="word-edit" onClick={() => setEditing(true)}>
          {t('common.edit')}
        </button>
        <button type="button" className="btn btn-small btn-secondary" onClick={() => void api.removeDictionaryEntry(entry.id).then(onChanged)}>
          {t('common.remove')}
        </button>
      </div>
    </li>
  );
}

interface WordFormProps {
  /** The entry to change (its word and language stay), or null for a new word. */
  entry: DictionaryEntry | null;
  /** A teacher's word for a student's dictionary, in the language they teach them. */
  addTo?: { studentId: string; language: Language };
  onSaved: () => void;
  onCancel?: () => void;
}

/** A word the student types in or changes, with a recording made in the browser or uploaded. */
export function WordForm({ entry, addTo, onSaved, onCancel }: WordFormProps) {
  const t = useT();
  const [chosenLanguage, setLanguage] = useState<Language>(entry?.language ?? 'en');
  const language = addTo?.language ?? chosenLanguage;
  const [draft, setDraft] = useState({
    word: entry?.word ?? '',
    transcription: entry?.transcription ?? '',
    translation: entry?.translation ?? '',
    example: entry?.example ?? '',
    tags: entry?.tags.join(', ') ?? '',
  });
  const [audio, setAudio] = useState<{ id: string; name: string } | null>(entry?.audioFileId ? { id: entry.audioFileId, name: t('dictionary.recording') } : null);
  const { fieldErrors, formError, pending, submit } = useSubmit();
  const field = (name: keyof typeof draft) => ({
    value: draft[name],
    error: fieldErrors[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });
  // A blank optional field is left out of a new word and cleared (null) from an existing one.
  const optional = (value: string) => (value.trim() ? value : entry ? null : undefined);
  const details = {
    transcription: optional(draft.transcription),
    translation: draft.translation,
    example: optional(draft.example),
    audioFileId: audio?.id ?? (entry ? null : undefined),
    tags: draft.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
  };

  return (
    <form
      className="card"
      data-testid={entry ? 'edit-word' : 'add-word'}
      onSubmit={(event) => {
        event.preventDefault();
        const saved = () => {
          if (!entry) {
            setDraft({ word: '', transcription: '', translation: '', example: '', tags: '' });
            setAudio(null);
          }
          onSaved();
        };
        if (entry) {
          void submit(UpdateDictionaryEntryBody, details, async (body) => {
            await api.updateDictionaryEntry(entry.id, body);
            saved();
          });
        } else {
          void submit(AddDictionaryEntryBody, { ...details, language, word: draft.word }, async (body) => {
            await (addTo ? api.addToStudentDictionary(addTo.studentId, body) : api.addToDictionary(body));
            saved();
          });
        }
      }}
    >
      <h2>{entry ? entry.word : t('dictionary.add')}</h2>
      {formError && <Alert tone="error">{formError}</Alert>}
      {!entry && (
        <>
          {!addTo && (
            <SelectField label={t('dictionary.language')} value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
              <option value="en">{t('language.en')}</option>
              <option value="zh">{t('language.zh')}</option>
            </SelectField>
          )}
          <TextField label={t('dictionary.word')} {...field('word')} data-testid="word-word" />
        </>
      )}
      <TextField label={language === 'zh' ? t('dictionary.pinyin') : t('dictionary.transcription')} {...field('transcription')} />
      <TextField label={t('dictionary.translation')} {...field('translation')} data-testid="word-translation" />
      <TextAreaField label={t('dictionary.example')} rows={2} {...field('example')} data-testid="word-example" />
      <TextField label={t('dictionary.tags')} hint={t('dictionary.tagsHint')} {...field('tags')} />
      <div className="filters">
        <AudioRecorder onUploaded={(file) => setAudio(file)} />
        <FileUpload label={t('dictionary.uploadAudio')} category="audio" onUploaded={(file) => setAudio(file)} error={fieldErrors.audioFileId} />
        {audio && (
          <span>
            {audio.name}{' '}
            <button type="button" className="btn btn-small btn-secondary" onClick={() => setAudio(null)}>
              {t('common.remove')}
            </button>
          </span>
        )}
      </div>
      <div className="page-actions">
        <button type="submit" className="btn" disabled={pending} data-testid="word-save">
          {entry ? t('common.save') : t('dictionary.addButton')}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
