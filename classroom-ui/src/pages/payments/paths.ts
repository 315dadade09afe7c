import { sections } from '../../navigation';

/** The student's "Buy lessons" page, inside the credits section. */
export const buyLessonsPath = `${sections.credits}/buy`;

/** Where the provider sends the payer back to (the server builds the same address as the return URL). */
export const paymentResultPattern = '/payments/:id';
export const paymentResultPath = (id: string) => `/payments/${encodeURIComponent(id)}`;
