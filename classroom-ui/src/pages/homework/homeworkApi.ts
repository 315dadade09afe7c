import {
  Problem,
  type AssignHomeworkBody,
  type FileLink,
  type Homework,
  type HomeworkState,
  type HomeworkStudentList,
  type HomeworkSubmission,
  type HomeworkSubmissionList,
  type Language,
  type MarkHomeworkBody,
  type StudentProgress,
  type SubmitHomeworkBody,
  type UploadedFile,
} from '@panda/shared';
import { ApiError, currentAccessToken, refreshSession, request } from '../../api/client';

const id = encodeURIComponent;

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The homework operations of the API (`api/src/modules/homework`). */
export const homeworkApi = {
  assign: (lessonId: string, body: AssignHomeworkBody) => request<Homework>('POST', `/api/lessons/${id(lessonId)}/homework`, { body }),
  ofLesson: (lessonId: string, signal?: AbortSignal) => request<{ items: Homework[] }>('GET', `/api/lessons/${id(lessonId)}/homework`, { signal }),
  remove: (homeworkId: string) => request<void>('DELETE', `/api/homework/${id(homeworkId)}`),
  mine: (signal?: AbortSignal) => request<HomeworkSubmissionList>('GET', '/api/me/homework', { signal }),
  submissions: (filters: { studentId?: string; state?: HomeworkState; awaitingMarking?: 'true' | 'false' }, signal?: AbortSignal) =>
    request<HomeworkSubmissionList>('GET', `/api/homework/submissions${query(filters)}`, { signal }),
  students: (signal?: AbortSignal) => request<HomeworkStudentList>('GET', '/api/homework/students', { signal }),
  submission: (submissionId: string, signal?: AbortSignal) => request<HomeworkSubmission>('GET', `/api/homework/submissions/${id(submissionId)}`, { signal }),
  submit: (submissionId: string, body: SubmitHomeworkBody) => request<HomeworkSubmission>('POST', `/api/homework/submissions/${id(submissionId)}/submit`, { body }),
  mark: (submissionId: string, body: MarkHomeworkBody) => request<HomeworkSubmission>('PATCH', `/api/homework/submissions/${id(submissionId)}`, { body }),
  fileLink: (submissionId: string, fileId: string) => request<FileLink>('POST', `/api/homework/submissions/${id(submissionId)}/files/${id(fileId)}/link`),
  progress: (studentId: string, language: Language, signal?: AbortSignal) =>
    request<StudentProgress>('GET', `/api/students/${id(studentId)}/progress${query({ language })}`, { signal }),
};

/** Sends a file's bytes for a homework (the type as Content-Type, the name in the query); one retry after renewing the session. */
export async function uploadHomeworkFile(submissionId: string, file: File): Promise<UploadedFile> {
  const send = () =>
    fetch(`/api/homework/submissions/${id(submissionId)}/files?${new URLSearchParams({ name: file.name })}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json, application/problem+json',
        // A file the browser can't type is still sent: the server answers with the stable code for it.
        'Content-Type': file.type || 'application/octet-stream',
        ...(currentAccessToken() ? { Authorization: `Bearer ${currentAccessToken()}` } : {}),
      },
      body: file,
      credentials: 'same-origin',
    }).catch(() => {
      throw new ApiError(0, 'network');
    });
  let response = await send();
  if (response.status === 401) {
    await refreshSession();
    response = await send();
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as UploadedFile;
  const problem = Problem.safeParse(body);
  if (!problem.success) throw new ApiError(response.status, 'unexpected');
  throw new ApiError(problem.data.status, problem.data.code, { fieldErrors: problem.data.errors });
}
