import type { Lesson } from '@panda/shared';
import { api } from '../api/endpoints';
import { useQuery } from '../hooks/useQuery';

/** The lesson behind a room, for its title and time before joining; undefined until loaded (or if it can't be). */
export function useLesson(lessonId: string): Lesson | undefined {
  return useQuery((signal) => api.lesson(lessonId, signal), [lessonId]).data;
}
