import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { GuestOnly, RequireSession, RoleGate } from './auth/guards';
import { AppLayout } from './components/AppLayout';
import { AuthLayout } from './components/AuthLayout';
import { LoadingScreen } from './components/LoadingScreen';
import { rolesFor, sectionIds, sections, type SectionId } from './navigation';
import { ConfirmEmailPage } from './pages/ConfirmEmailPage';
import { DashboardPage } from './pages/DashboardPage';
import { ErrorPage } from './pages/ErrorPage';
import { assignHomeworkPath } from './pages/homework/paths';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { notificationsPath } from './pages/notifications/paths';
import { PasswordResetPage } from './pages/PasswordResetPage';
import { buyLessonsPath, paymentResultPattern } from './pages/payments/paths';
import { PlacementRequestPage } from './pages/placement/PlacementRequestPage';
import { SignUpPage } from './pages/SignUpPage';
import { loadRoomPage } from './room/load';

/**
 * A page whose code loads with its route. The pages a visit starts on (sign-in, the dashboard)
 * stay in the main bundle; the others would only make that first load longer. A Suspense above
 * (AppLayout's, the room's) shows the loading state while one arrives.
 */
function lazyPage<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
}

const AuditPage = lazyPage(() => import('./pages/admin/AuditPage'), 'AuditPage');
const OutboxPage = lazyPage(() => import('./pages/admin/OutboxPage'), 'OutboxPage');
const SchoolSettingsPage = lazyPage(() => import('./pages/admin/SchoolSettingsPage'), 'SchoolSettingsPage');
const StudentPage = lazyPage(() => import('./pages/admin/StudentPage'), 'StudentPage');
const UsersPage = lazyPage(() => import('./pages/admin/UsersPage'), 'UsersPage');
const CreditsPage = lazyPage(() => import('./pages/credits/CreditsPage'), 'CreditsPage');
const DictionaryPage = lazyPage(() => import('./pages/dictionary/DictionaryPage'), 'DictionaryPage');
const AssignHomeworkPage = lazyPage(() => import('./pages/homework/AssignHomeworkPage'), 'AssignHomeworkPage');
const HomeworkPage = lazyPage(() => import('./pages/homework/HomeworkPage'), 'HomeworkPage');
const StudentProgressPage = lazyPage(() => import('./pages/homework/StudentProgressPage'), 'StudentProgressPage');
const SubmissionPage = lazyPage(() => import('./pages/homework/SubmissionPage'), 'SubmissionPage');
const LessonPage = lazyPage(() => import('./pages/lessons/LessonPage'), 'LessonPage');
const LessonReplayPage = lazyPage(() => import('./pages/lessons/LessonReplayPage'), 'LessonReplayPage');
const LessonsPage = lazyPage(() => import('./pages/lessons/LessonsPage'), 'LessonsPage');
const TestAttemptsPage = lazyPage(() => import('./pages/lessons/TestAttemptsPage'), 'TestAttemptsPage');
const MaterialPage = lazyPage(() => import('./pages/materials/MaterialPage'), 'MaterialPage');
const MaterialsPage = lazyPage(() => import('./pages/materials/MaterialsPage'), 'MaterialsPage');
const NewMaterialPage = lazyPage(() => import('./pages/materials/NewMaterialPage'), 'NewMaterialPage');
const NotificationsPage = lazyPage(() => import('./pages/notifications/NotificationsPage'), 'NotificationsPage');
const NotesPage = lazyPage(() => import('./pages/notes/NotesPage'), 'NotesPage');
const AdminPaymentsPage = lazyPage(() => import('./pages/payments/AdminPaymentsPage'), 'AdminPaymentsPage');
const BuyLessonsPage = lazyPage(() => import('./pages/payments/BuyLessonsPage'), 'BuyLessonsPage');
const PackageTypesPage = lazyPage(() => import('./pages/payments/PackageTypesPage'), 'PackageTypesPage');
const PaymentResultPage = lazyPage(() => import('./pages/payments/PaymentResultPage'), 'PaymentResultPage');
const FreeLessonsPage = lazyPage(() => import('./pages/placement/FreeLessonsPage'), 'FreeLessonsPage');
const PlacementPage = lazyPage(() => import('./pages/placement/PlacementPage'), 'PlacementPage');
const PlacementQueuePage = lazyPage(() => import('./pages/placement/PlacementQueuePage'), 'PlacementQueuePage');
const PlanPage = lazyPage(() => import('./pages/plans/PlanPage'), 'PlanPage');
const PlansPage = lazyPage(() => import('./pages/plans/PlansPage'), 'PlansPage');
const ProfilePage = lazyPage(() => import('./pages/ProfilePage'), 'ProfilePage');
const SchedulePage = lazyPage(() => import('./pages/schedule/SchedulePage'), 'SchedulePage');
const StudentCardPage = lazyPage(() => import('./pages/students/StudentCardPage'), 'StudentCardPage');
const StudentsPage = lazyPage(() => import('./pages/students/StudentsPage'), 'StudentsPage');

// Loaded on entering a room: the media and signaling libraries are most of its weight.
const RoomPage = lazyPage(loadRoomPage, 'RoomPage');

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
  settings: <SchoolSettingsPage />,
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
