import type {
  AddDictionaryEntryBody,
  Agreement,
  AssignLessonPlanBody,
  BoardMaterial,
  ChangeUnconfirmedEmailBody,
  ConfirmEmailBody,
  CreateUserBody,
  CreateMaterialBody,
  CreditBalance,
  DictionaryEntry,
  FileLink,
  Lesson,
  LessonList,
  LessonPlan,
  LessonPlanBody,
  LessonPlanList,
  LessonPlanOfLesson,
  Locale,
  LoginBody,
  MarkTestAttemptBody,
  Material,
  MaterialList,
  MaterialRemoval,
  Meta,
  OutboxList,
  PasswordResetBody,
  PasswordResetRequestBody,
  ResendCodeBody,
  ResendCodeResult,
  Role,
  Session,
  SignUpBody,
  SignUpResult,
  TestAttempt,
  TestAttemptList,
  UpdateMaterialBody,
  UpdateProfileBody,
  UpdateUserBody,
  User,
  UserList,
} from '@panda/shared';
import { request } from './client';

// A type, not an interface: `query()` needs the implicit index signature.
type Page = {
  limit: number;
  offset: number;
};

/** Search parameters as typed in a filter bar; the server validates them with the shared query schema. */
export type Filters = Partial<Record<string, string>>;

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// Bodies are the output of the shared schemas: pages validate before they call these.
export const api = {
  meta: () => request<Meta>('GET', '/api/meta', { auth: false }),
  agreement: (locale: Locale, signal?: AbortSignal) =>
    request<Agreement>('GET', `/api/agreement${query({ locale })}`, { auth: false, signal }),

  signUp: (body: SignUpBody) => request<SignUpResult>('POST', '/api/auth/signup', { body, auth: false }),
  confirmEmail: (body: ConfirmEmailBody) =>
    request<Session>('POST', '/api/auth/confirm-email', { body, auth: false }),
  resendCode: (body: ResendCodeBody) =>
    request<ResendCodeResult>('POST', '/api/auth/resend-code', { body, auth: false }),
  changeEmail: (body: ChangeUnconfirmedEmailBody) =>
    request<SignUpResult>('POST', '/api/auth/change-email', { body, auth: false }),
  login: (body: LoginBody) => request<Session>('POST', '/api/auth/login', { body, auth: false }),
  logout: () => request<void>('POST', '/api/auth/logout', { auth: false }),
  requestPasswordReset: (body: PasswordResetRequestBody) =>
    request<void>('POST', '/api/auth/password-reset/request', { body, auth: false }),
  resetPassword: (body: PasswordResetBody) =>
    request<void>('POST', '/api/auth/password-reset/confirm', { body, auth: false }),

  updateMe: (body: UpdateProfileBody) => request<User>('PATCH', '/api/me', { body }),
  myLessons: (range: { from: string; to: string }, signal?: AbortSignal) =>
    request<LessonList>('GET', `/api/me/lessons${query(range)}`, { signal }),
  myCredits: (signal?: AbortSignal) => request<CreditBalance>('GET', '/api/me/credits', { signal }),
  lesson: (id: string, signal?: AbortSignal) =>
    request<Lesson>('GET', `/api/lessons/${encodeURIComponent(id)}`, { signal }),

  users: (params: Page & { role?: Role | undefined; search?: string }, signal?: AbortSignal) =>
    request<UserList>('GET', `/api/admin/users${query(params)}`, { signal }),
  createUser: (body: CreateUserBody) => request<User>('POST', '/api/admin/users', { body }),
  updateUser: (id: string, body: UpdateUserBody) =>
    request<User>('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, { body }),
  outbox: (params: Page & { to?: string }, signal?: AbortSignal) =>
    request<OutboxList>('GET', `/api/admin/outbox${query(params)}`, { signal }),

  materials: (filters: Filters, cursor: string | undefined, signal?: AbortSignal) =>
    request<MaterialList>('GET', `/api/materials${query({ ...filters, cursor })}`, { signal }),
  material: (id: string, signal?: AbortSignal) => request<Material>('GET', `/api/materials/${encodeURIComponent(id)}`, { signal }),
  createMaterial: (body: CreateMaterialBody) => request<Material>('POST', '/api/materials', { body }),
  updateMaterial: (id: string, body: UpdateMaterialBody) =>
    request<Material>('PATCH', `/api/materials/${encodeURIComponent(id)}`, { body }),
  removeMaterial: (id: string) => request<MaterialRemoval>('DELETE', `/api/materials/${encodeURIComponent(id)}`),

  plans: (filters: Filters, cursor: string | undefined, signal?: AbortSignal) =>
    request<LessonPlanList>('GET', `/api/plans${query({ ...filters, cursor })}`, { signal }),
  plan: (id: string, signal?: AbortSignal) => request<LessonPlan>('GET', `/api/plans/${encodeURIComponent(id)}`, { signal }),
  createPlan: (body: LessonPlanBody) => request<LessonPlan>('POST', '/api/plans', { body }),
  replacePlan: (id: string, body: LessonPlanBody) => request<LessonPlan>('PUT', `/api/plans/${encodeURIComponent(id)}`, { body }),
  copyPlan: (id: string) => request<LessonPlan>('POST', `/api/plans/${encodeURIComponent(id)}/copy`),
  removePlan: (id: string) => request<void>('DELETE', `/api/plans/${encodeURIComponent(id)}`),
  lessonPlan: (lessonId: string, signal?: AbortSignal) =>
    request<LessonPlanOfLesson>('GET', `/api/lessons/${encodeURIComponent(lessonId)}/plan`, { signal }),
  assignLessonPlan: (lessonId: string, body: AssignLessonPlanBody) =>
    request<LessonPlanOfLesson>('PUT', `/api/lessons/${encodeURIComponent(lessonId)}/plan`, { body }),

  testAttempts: (lessonId: string, signal?: AbortSignal) =>
    request<TestAttemptList>('GET', `/api/lessons/${encodeURIComponent(lessonId)}/test-attempts`, { signal }),
  markTestAttempt: (lessonId: string, attemptId: string, body: MarkTestAttemptBody) =>
    request<TestAttempt>('PATCH', `/api/lessons/${encodeURIComponent(lessonId)}/test-attempts/${encodeURIComponent(attemptId)}`, { body }),

  /** Uploads go through `uploadFile` (progress needs XMLHttpRequest); reading one needs a signed link. */
  fileLink: (id: string) => request<FileLink>('POST', `/api/files/${encodeURIComponent(id)}/link`),

  /** The teacher shows a material on the lesson's board: what the board's shape will hold. */
  showMaterial: (lessonId: string, materialId: string) =>
    request<BoardMaterial>('POST', `/api/lessons/${encodeURIComponent(lessonId)}/board-materials`, { body: { materialId } }),
  addToDictionary: (body: AddDictionaryEntryBody) => request<DictionaryEntry>('POST', '/api/me/dictionary', { body }),
};
