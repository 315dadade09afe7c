import { sections } from '../../navigation';

export const lessonPath = (id: string) => `${sections.lessons}/${encodeURIComponent(id)}`;
export const lessonReplayPath = (id: string) => `${lessonPath(id)}/replay`;
