import { sections } from '../../navigation';

export const submissionPath = (id: string) => `${sections.homework}/submissions/${encodeURIComponent(id)}`;
export const studentHomeworkPath = (id: string) => `${sections.homework}/students/${encodeURIComponent(id)}`;
export const assignHomeworkPath = `${sections.homework}/assign`;
