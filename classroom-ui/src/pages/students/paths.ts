import { sections } from '../../navigation';

export const studentPath = (id: string) => `${sections.students}/${encodeURIComponent(id)}`;
