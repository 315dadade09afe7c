import { sections } from '../../navigation';

export const lessonPath = (id: string) => `${sections.lessons}/${encodeURIComponent(id)}`;
