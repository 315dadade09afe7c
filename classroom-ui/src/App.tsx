import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { GuestOnly, RequireSession, RoleGate } from './auth/guards';
import { AppLayout } from './components/AppLayout';
import { AuthLayout } from './components/AuthLayout';
import { LoadingScreen } from './components/LoadingScreen';
import { rolesFor, sectionIds, sections, type SectionId } from './navigation';
import { AuditPage } from './pages/admin/AuditPage';
import { OutboxPage } from './pages/admin/OutboxPage';
import { StudentPage } from './pages/admin/StudentPage';
import { UsersPage } from './pages/admin/UsersPage';
import { ConfirmEmailPage } from './pages/ConfirmEmailPage';
import { CreditsPage } from './pages/credits/CreditsPage';
import { DashboardPage } from './pages/DashboardPage';
import { DictionaryPage } from './pages/dictionary/DictionaryPage';
import { ErrorPage } from './pages/ErrorPage';
import { AssignHomeworkPage } from './pages/homework/AssignHomeworkPage';
import { HomeworkPage } from './pages/homework/HomeworkPage';
import { assignHomeworkPath } from './pages/homework/paths';
import { StudentProgressPage } from './pages/homework/StudentProgressPage';
import { SubmissionPage } from './pages/homework/SubmissionPage';
import { LessonPage } from './pages/lessons/LessonPage';
import { LessonReplayPage } from './pages/lessons/LessonReplayPage';
import { LessonsPage } from './pages/lessons/LessonsPage';
import { TestAttemptsPage } from './pages/lessons/TestAttemptsPage';
import { LoginPage } from './pages/LoginPage';
import { MaterialPage } from './pages/materials/MaterialPage';
import { MaterialsPage } from './pages/materials/MaterialsPage';
import { NewMaterialPage } from './pages/materials/NewMaterialPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/notifications/NotificationsPage';
import { notificationsPath } from './pages/notifications/paths';
import { NotesPage } from './pages/notes/NotesPage';
import { PasswordResetPage } from './pages/PasswordResetPage';
import { AdminPaymentsPage } from './pages/payments/AdminPaymentsPage';
import { BuyLessonsPage } from './pages/payments/BuyLessonsPage';
import { PackageTypesPage } from './pages/payments/PackageTypesPage';
import { buyLessonsPath, paymentResultPattern } from './pages/payments/paths';
import { PaymentResultPage } from './pages/payments/PaymentResultPage';
import { FreeLessonsPage } from './pages/placement/FreeLessonsPage';
import { PlacementPage } from './pages/placement/PlacementPage';
import { PlacementQueuePage } from './pages/placement/PlacementQueuePage';
import { PlacementRequestPage } from './pages/placement/PlacementRequestPage';
import { PlanPage } from './pages/plans/PlanPage';
import { PlansPage } from './pages/plans/PlansPage';
import { ProfilePage } from './pages/ProfilePage';
import { SchedulePage } from './pages/schedule/SchedulePage';
import { SignUpPage } from './pages/SignUpPage';
import { StudentCardPage } from './pages/students/StudentCardPage';
import { StudentsPage } from './pages/students/StudentsPage';

// Loaded on entering a room: the media and signaling libraries are most of its weight.
const RoomPage = lazy(() => import('./room/RoomPage').then((module) => ({ default: module.RoomPage })));

/** Each section's page. */
const sectionPages: Record<SectionId, ReactNode> = {
  dashboard: <DashboardPage />,
  profile: <ProfilePage />,
  users: <UsersPage />,
  outbox: <OutboxPage />,
  audit: <AuditPage />,
  placement: <PlacementQueuePage />,
  materials: <MaterialsPage />,
  plans: <PlansPage />,
  credits: <CreditsPage />,
  payments: <AdminPaymentsPage />,
  packages: <PackageTypesPage />,
  schedule: <SchedulePage />,
  homework: <HomeworkPage />,
  dictionary: <DictionaryPage />,
  notes: <NotesPage />,
  lessons: <LessonsPage />,
  freeLessons: <FreeLessonsPage />,
  students: <StudentsPage />,
};

const sectionRoutes: RouteObject[] = sectionIds.map((id) => ({
  path: sections[id],
  element: <RoleGate roles={rolesFor(id)}>{sectionPages[id]}</RoleGate>,
}));

/** Pages inside a section, open to the same roles as the section. */
const subpages: Array<{ section: SectionId; path: string; element: ReactNode }> = [
  { section: 'materials', path: `${sections.materials}/new`, element: <NewMaterialPage /> },
  { section: 'materials', path: `${sections.materials}/:id`, element: <MaterialPage /> },
  { section: 'plans', path: `${sections.plans}/new`, element: <PlanPage /> },
  { section: 'credits', path: buyLessonsPath, element: <BuyLessonsPage /> },
  { section: 'credits', path: paymentResultPattern, element: <PaymentResultPage /> },
  { section: 'plans', path: `${sections.plans}/:id`, element: <PlanPage /> },
  { section: 'placement', path: `${sections.placement}/:id`, element: <PlacementPage /> },
  { section: 'users', path: `${sections.users}/:id`, element: <StudentPage /> },
  // Marking tests is for those who teach, like the library: not a page of the students' lessons section.
  { section: 'materials', path: '/lessons/:id/tests', element: <TestAttemptsPage /> },
  { section: 'lessons', path: `${sections.lessons}/:id`, element: <LessonPage /> },
  { section: 'lessons', path: `${sections.lessons}/:id/replay`, element: <LessonReplayPage /> },
  { section: 'students', path: `${sections.students}/:id`, element: <StudentCardPage /> },
  { section: 'homework', path: assignHomeworkPath, element: <AssignHomeworkPage /> },
  { section: 'homework', path: `${sections.homework}/submissions/:id`, element: <SubmissionPage /> },
  { section: 'homework', path: `${sections.homework}/students/:id`, element: <StudentProgressPage /> },
];

const subpageRoutes: RouteObject[] = subpages.map(({ section, path, element }) => ({
  path,
  element: <RoleGate roles={rolesFor(section)}>{element}</RoleGate>,
}));

export const router = createBrowserRouter([
  {
    errorElement: <ErrorPage />,
    children: [
      { path: '/', element: <Navigate to="/dashboard" replace /> },
      {
        element: <GuestOnly />,
        children: [
          {
            element: <AuthLayout />,
            children: [
              { path: '/login', element: <LoginPage /> },
              { path: '/signup', element: <SignUpPage /> },
              { path: '/confirm', element: <ConfirmEmailPage /> },
            ],
          },
        ],
      },
      // Open signed in or not: staff may follow their set-password mail in a browser where someone is signed in.
      // The free placement lesson is asked for by visitors and by signed-in students alike.
      {
        element: <AuthLayout />,
        children: [
          { path: '/reset-password', element: <PasswordResetPage /> },
          { path: '/free-lesson', element: <PlacementRequestPage /> },
        ],
      },
      {
        element: <RequireSession />,
        children: [
          {
            element: <AppLayout />,
            children: [...sectionRoutes, ...subpageRoutes, { path: notificationsPath, element: <NotificationsPage /> }],
          },
          // The lesson room has the whole window: no side menu or top bar around the video.
          // Admins have no lessons section but may watch any lesson's room as observers.
          {
            path: '/lessons/:id/room',
            element: (
              <RoleGate roles={[...rolesFor('lessons'), 'admin']}>
                <Suspense fallback={<LoadingScreen />}>
                  <RoomPage />
                </Suspense>
              </RoleGate>
            ),
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
