import type {
  ActiveSessionList,
  Language,
  StudentCard,
  StudentList,
  Availability,
  ShownMaterialList,
  LessonJournal,
  LessonJournalQuery,
  LessonOverview,
  LessonReplay,
  BookLessonBody,
  Calendar,
  CalendarFeed,
  CalendarLesson,
  CancellationPreview,
  CancelledLesson,
  FreeTimes,
  MarkLessonBody,
  MoveLessonBody,
  MyTeachers,
  MyPlacementList,
  UpdateAvailabilityBody,
  AddDictionaryEntryBody,
  Agreement,
  AssignLessonPlanBody,
  AuditList,
  BoardMaterial,
  ChangeUnconfirmedEmailBody,
  ConfirmEmailBody,
  CreateUserBody,
  CreateWeeklySlotBody,
  CreatedWeeklySlot,
  CreditAdjustment,
  CreditAdjustmentBody,
  CreditLedger,
  Enrollment,
  EnrollmentList,
  CreateMaterialBody,
  CreditBalance,
  CreateFreezeBody,
  CreatePackageTypeBody,
  CreatePaymentBody,
  CreditFreeze,
  PackageType,
  PackageTypeList,
  Payment,
  PaymentList,
  PaymentStatus,
  RecordedPurchase,
  RecordPurchaseBody,
  RefundPaymentBody,
  UpdatePackageTypeBody,
  DictionaryEntry,
  DictionaryList,
  DictionaryTags,
  DueList,
  ReviewBody,
  ReviewResult,
  UpdateDictionaryEntryBody,
  CreateNoteBody,
  Note,
  NoteList,
  NotificationList,
  NotificationSettings,
  TelegramLinkCode,
  UnreadCount,
  UpdateNotificationSettingsBody,
  UpdateNoteBody,
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
  MyRecordingPolicy,
  RecordingStorage,
  SchoolSettings,
  MaterialList,
  MaterialRemoval,
  Meta,
  OutboxList,
  PlacementAssessmentBody,
  PlacementList,
  PlacementRequest,
  PlacementRequestDetail,
  PlacementStatus,
  ReassignTeacherBody,
  SchedulePlacementBody,
  StudentPlacementBody,
  TeacherList,
  VisitorPlacementBody,
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
  mySessions: (signal?: AbortSignal) => request<ActiveSessionList>('GET', '/api/me/sessions', { signal }),
  endSession: (id: string) => request<void>('DELETE', `/api/me/sessions/${encodeURIComponent(id)}`),
  endOtherSessions: () => request<void>('POST', '/api/me/sessions/revoke-others'),
  myLessons: (range: { from: string; to: string }, signal?: AbortSignal) =>
    request<LessonList>('GET', `/api/me/lessons${query(range)}`, { signal }),
  myCredits: (signal?: AbortSignal) => request<CreditBalance>('GET', '/api/me/credits', { signal }),
  freezeCredits: (body: CreateFreezeBody) => request<CreditFreeze>('POST', '/api/me/credits/freezes', { body }),
  packages: (signal?: AbortSignal) => request<PackageTypeList>('GET', '/api/packages', { signal }),
  createPayment: (body: CreatePaymentBody) => request<Payment>('POST', '/api/me/payments', { body }),
  myPayments: (params: Page, signal?: AbortSignal) => request<PaymentList>('GET', `/api/me/payments${query(params)}`, { signal }),
  myPayment: (id: string, signal?: AbortSignal) => request<Payment>('GET', `/api/me/payments/${encodeURIComponent(id)}`, { signal }),
  lesson: (id: string, signal?: AbortSignal) =>
    request<Lesson>('GET', `/api/lessons/${encodeURIComponent(id)}`, { signal }),
  lessonJournal: (params: Partial<LessonJournalQuery>, signal?: AbortSignal) =>
    request<LessonJournal>('GET', `/api/lessons${query(params)}`, { signal }),
  lessonOverview: (id: string, signal?: AbortSignal) =>
    request<LessonOverview>('GET', `/api/lessons/${encodeURIComponent(id)}/overview`, { signal }),
  lessonReplay: (id: string, signal?: AbortSignal) =>
    request<LessonReplay>('GET', `/api/lessons/${encodeURIComponent(id)}/replay`, { signal }),

  users: (params: Page & { role?: Role | undefined; search?: string }, signal?: AbortSignal) =>
    request<UserList>('GET', `/api/admin/users${query(params)}`, { signal }),
  createUser: (body: CreateUserBody) => request<User>('POST', '/api/admin/users', { body }),
  user: (id: string, signal?: AbortSignal) => request<User>('GET', `/api/admin/users/${encodeURIComponent(id)}`, { signal }),
  updateUser: (id: string, body: UpdateUserBody) =>
    request<User>('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, { body }),
  outbox: (params: Page & { to?: string }, signal?: AbortSignal) =>
    request<OutboxList>('GET', `/api/admin/outbox${query(params)}`, { signal }),
  schoolSettings: (signal?: AbortSignal) => request<SchoolSettings>('GET', '/api/admin/settings', { signal }),
  saveSchoolSettings: (body: SchoolSettings) => request<SchoolSettings>('PUT', '/api/admin/settings', { body }),
  recordingStorage: (signal?: AbortSignal) => request<RecordingStorage>('GET', '/api/admin/recording-storage', { signal }),
  myRecordingPolicy: (signal?: AbortSignal) => request<MyRecordingPolicy>('GET', '/api/me/recording-policy', { signal }),

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

  shownMaterials: (lessonId: string, signal?: AbortSignal) =>
    request<ShownMaterialList>('GET', `/api/lessons/${encodeURIComponent(lessonId)}/board-materials`, { signal }),
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
  addToStudentDictionary: (studentId: string, body: AddDictionaryEntryBody) =>
    request<DictionaryEntry>('POST', `/api/students/${encodeURIComponent(studentId)}/dictionary`, { body }),
  dictionary: (filters: Filters, cursor: string | undefined, signal?: AbortSignal) =>
    request<DictionaryList>('GET', `/api/me/dictionary${query({ ...filters, cursor })}`, { signal }),
  studentDictionary: (studentId: string, filters: Filters & { language: Language }, cursor: string | undefined, signal?: AbortSignal) =>
    request<DictionaryList>('GET', `/api/students/${encodeURIComponent(studentId)}/dictionary${query({ ...filters, cursor })}`, { signal }),
  dictionaryTags: (signal?: AbortSignal) => request<DictionaryTags>('GET', '/api/me/dictionary/tags', { signal }),
  dueWords: (signal?: AbortSignal) => request<DueList>('GET', '/api/me/dictionary/due', { signal }),
  updateDictionaryEntry: (id: string, body: UpdateDictionaryEntryBody) =>
    request<DictionaryEntry>('PATCH', `/api/me/dictionary/${encodeURIComponent(id)}`, { body }),
  removeDictionaryEntry: (id: string) => request<void>('DELETE', `/api/me/dictionary/${encodeURIComponent(id)}`),
  reviewWord: (id: string, body: ReviewBody) => request<ReviewResult>('POST', `/api/me/dictionary/${encodeURIComponent(id)}/reviews`, { body }),

  notes: (filters: Filters, cursor: string | undefined, signal?: AbortSignal) =>
    request<NoteList>('GET', `/api/me/notes${query({ ...filters, cursor })}`, { signal }),
  createNote: (body: CreateNoteBody) => request<Note>('POST', '/api/me/notes', { body }),
  updateNote: (id: string, body: UpdateNoteBody) => request<Note>('PATCH', `/api/me/notes/${encodeURIComponent(id)}`, { body }),
  removeNote: (id: string) => request<void>('DELETE', `/api/me/notes/${encodeURIComponent(id)}`),

  askForPlacement: (body: VisitorPlacementBody) => request<void>('POST', '/api/placement-requests', { body, auth: false }),
  askForMyPlacement: (body: StudentPlacementBody) => request<PlacementRequest>('POST', '/api/me/placement-requests', { body }),
  myPlacements: (signal?: AbortSignal) => request<MyPlacementList>('GET', '/api/me/placement-requests', { signal }),
  placementRequests: (params: Page & { status?: PlacementStatus | undefined }, signal?: AbortSignal) =>
    request<PlacementList>('GET', `/api/placement/requests${query(params)}`, { signal }),
  placementRequest: (id: string, signal?: AbortSignal) =>
    request<PlacementRequestDetail>('GET', `/api/placement/requests/${encodeURIComponent(id)}`, { signal }),
  schedulePlacement: (id: string, body: SchedulePlacementBody) =>
    request<PlacementRequest>('POST', `/api/placement/requests/${encodeURIComponent(id)}/schedule`, { body }),
  cancelPlacement: (id: string) => request<PlacementRequest>('POST', `/api/placement/requests/${encodeURIComponent(id)}/cancel`),
  assessPlacement: (id: string, body: PlacementAssessmentBody) =>
    request<PlacementRequestDetail>('PUT', `/api/placement/requests/${encodeURIComponent(id)}/assessment`, { body }),
  teachers: (signal?: AbortSignal) => request<TeacherList>('GET', '/api/teachers', { signal }),
  students: (params: Page & { q?: string; language?: string; teacherId?: string }, signal?: AbortSignal) => request<StudentList>('GET', `/api/students${query(params)}`, { signal }),
  student: (id: string, signal?: AbortSignal) => request<StudentCard>('GET', `/api/students/${encodeURIComponent(id)}`, { signal }),
  enrollments: (params: Page & { studentId?: string }, signal?: AbortSignal) =>
    request<EnrollmentList>('GET', `/api/enrollments${query(params)}`, { signal }),
  reassignTeacher: (enrollmentId: string, body: ReassignTeacherBody) =>
    request<Enrollment>('POST', `/api/enrollments/${encodeURIComponent(enrollmentId)}/reassign`, { body }),
  createWeeklySlot: (body: CreateWeeklySlotBody) => request<CreatedWeeklySlot>('POST', '/api/weekly-slots', { body }),

  calendar: (range: { from: string; to: string }, signal?: AbortSignal) => request<Calendar>('GET', `/api/calendar${query(range)}`, { signal }),
  myTeachers: (signal?: AbortSignal) => request<MyTeachers>('GET', '/api/me/teachers', { signal }),
  freeTimes: (teacherId: string, params: { from: string; to: string; durationMinutes: number }, signal?: AbortSignal) =>
    request<FreeTimes>('GET', `/api/teachers/${encodeURIComponent(teacherId)}/free-times${query(params)}`, { signal }),
  bookLesson: (body: BookLessonBody) => request<CalendarLesson>('POST', '/api/bookings', { body }),
  cancellationPreview: (lessonId: string, signal?: AbortSignal) =>
    request<CancellationPreview>('GET', `/api/lessons/${encodeURIComponent(lessonId)}/cancellation`, { signal }),
  cancelLesson: (lessonId: string) => request<CancelledLesson>('POST', `/api/lessons/${encodeURIComponent(lessonId)}/cancel`),
  moveLesson: (lessonId: string, body: MoveLessonBody) => request<CalendarLesson>('POST', `/api/lessons/${encodeURIComponent(lessonId)}/move`, { body }),
  markLesson: (lessonId: string, body: MarkLessonBody) => request<CalendarLesson>('POST', `/api/lessons/${encodeURIComponent(lessonId)}/mark`, { body }),
  myAvailability: (signal?: AbortSignal) => request<Availability>('GET', '/api/me/availability', { signal }),
  saveAvailability: (body: UpdateAvailabilityBody) => request<Availability>('PUT', '/api/me/availability', { body }),
  newCalendarFeed: () => request<CalendarFeed>('POST', '/api/me/calendar-feed'),

  notifications: (params: { limit: number; before?: string | undefined }, signal?: AbortSignal) =>
    request<NotificationList>('GET', `/api/me/notifications${query(params)}`, { signal }),
  markNotificationRead: (id: string) => request<UnreadCount>('POST', `/api/me/notifications/${encodeURIComponent(id)}/read`),
  markAllNotificationsRead: () => request<UnreadCount>('POST', '/api/me/notifications/read-all'),
  notificationSettings: (signal?: AbortSignal) => request<NotificationSettings>('GET', '/api/me/notification-settings', { signal }),
  saveNotificationSettings: (body: UpdateNotificationSettingsBody) =>
    request<NotificationSettings>('PUT', '/api/me/notification-settings', { body }),
  newTelegramLinkCode: () => request<TelegramLinkCode>('POST', '/api/me/telegram/link-code'),
  unlinkTelegram: () => request<void>('DELETE', '/api/me/telegram'),

  payments: (params: Page & { status?: PaymentStatus | undefined; provider?: string; search?: string }, signal?: AbortSignal) =>
    request<PaymentList>('GET', `/api/admin/payments${query(params)}`, { signal }),
  refundPayment: (id: string, body: RefundPaymentBody) => request<Payment>('POST', `/api/admin/payments/${encodeURIComponent(id)}/refunds`, { body }),
  recordPayment: (studentId: string, body: RecordPurchaseBody) =>
    request<RecordedPurchase>('POST', `/api/admin/students/${encodeURIComponent(studentId)}/purchases`, { body }),
  packageTypes: (signal?: AbortSignal) => request<PackageTypeList>('GET', '/api/admin/package-types', { signal }),
  createPackageType: (body: CreatePackageTypeBody) => request<PackageType>('POST', '/api/admin/package-types', { body }),
  updatePackageType: (id: string, body: UpdatePackageTypeBody) =>
    request<PackageType>('PATCH', `/api/admin/package-types/${encodeURIComponent(id)}`, { body }),

  auditLog: (params: Page & { action?: string }, signal?: AbortSignal) => request<AuditList>('GET', `/api/admin/audit${query(params)}`, { signal }),
  studentLedger: (studentId: string, signal?: AbortSignal) =>
    request<CreditLedger>('GET', `/api/admin/students/${encodeURIComponent(studentId)}/ledger`, { signal }),
  adjustCredits: (studentId: string, body: CreditAdjustmentBody) =>
    request<CreditAdjustment>('POST', `/api/admin/students/${encodeURIComponent(studentId)}/credit-adjustments`, { body }),
};
