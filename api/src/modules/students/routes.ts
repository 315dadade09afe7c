import { IdParams, STAFF, StudentCard, StudentList, StudentListQuery } from '@panda/shared';
import type { ApiModule } from '../../module.js';

export const studentsModule: ApiModule = {
  name: 'students',
  register(router, { services }) {
    const cards = services.studentCards;
    const tag = 'students';

    router.operation(
      {
        method: 'get',
        path: '/students',
        summary: 'Students with a card each: per language their level and goal, teacher, next lesson, attendance, homework rating and tails, board tests and dictionary; and their lessons left. Teachers: the students they teach; q matches a name or an e-mail',
        tag,
        access: STAFF,
        query: StudentListQuery,
        response: StudentList,
      },
      ({ user, query }) => cards.list(user, query),
    );

    router.operation(
      { method: 'get', path: '/students/:id', summary: "A student's card (a teacher: the languages they teach them)", tag, access: STAFF, params: IdParams, response: StudentCard },
      ({ user, params }) => cards.card(user, params.id),
    );
  },
};
