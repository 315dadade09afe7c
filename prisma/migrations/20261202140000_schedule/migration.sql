-- No teacher and no student in two lessons at once, enforced by the database: EXCLUDE constraints
-- over the lessons' time ranges (btree_gist lets a GiST index compare the uuid with `=`).
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- AlterTable
ALTER TABLE "Lesson" ADD COLUMN     "slotOccurrence" TIMESTAMP(3),
ADD COLUMN     "weeklySlotId" UUID;

-- AlterTable
ALTER TABLE "LessonStudent" ADD COLUMN     "endsAt" TIMESTAMP(3),
ADD COLUMN     "startsAt" TIMESTAMP(3),
ADD COLUMN     "status" "LessonStatus";

-- CreateTable
CREATE TABLE "TeacherAvailability" (
    "id" UUID NOT NULL,
    "teacherId" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,

    CONSTRAINT "TeacherAvailability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WeeklySlot" (
    "id" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "teacherId" UUID NOT NULL,
    "language" "Language" NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WeeklySlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Lesson_weeklySlotId_slotOccurrence_key" ON "Lesson"("weeklySlotId", "slotOccurrence");

-- CreateIndex
CREATE INDEX "TeacherAvailability_teacherId_idx" ON "TeacherAvailability"("teacherId");

-- CreateIndex
CREATE INDEX "WeeklySlot_teacherId_idx" ON "WeeklySlot"("teacherId");

-- CreateIndex
CREATE INDEX "WeeklySlot_studentId_idx" ON "WeeklySlot"("studentId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- AddForeignKey
ALTER TABLE "Lesson" ADD CONSTRAINT "Lesson_weeklySlotId_fkey" FOREIGN KEY ("weeklySlotId") REFERENCES "WeeklySlot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeacherAvailability" ADD CONSTRAINT "TeacherAvailability_teacherId_fkey" FOREIGN KEY ("teacherId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WeeklySlot" ADD CONSTRAINT "WeeklySlot_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WeeklySlot" ADD CONSTRAINT "WeeklySlot_teacherId_fkey" FOREIGN KEY ("teacherId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules the schema cannot express.
ALTER TABLE "Lesson" ADD CONSTRAINT "Lesson_time_check" CHECK ("endsAt" > "startsAt");
ALTER TABLE "TeacherAvailability" ADD CONSTRAINT "TeacherAvailability_time_check"
    CHECK ("weekday" BETWEEN 1 AND 7 AND "startMinute" >= 0 AND "startMinute" < "endMinute" AND "endMinute" <= 1440);
ALTER TABLE "WeeklySlot" ADD CONSTRAINT "WeeklySlot_time_check"
    CHECK ("weekday" BETWEEN 1 AND 7 AND "startMinute" >= 0 AND "startMinute" < 1440 AND "durationMinutes" > 0);

-- A seat carries copies of its lesson's time and status, for the per-student constraint below.
-- The database keeps them: whatever a client writes into a seat is replaced by the lesson's
-- values, and a lesson's change is copied into its seats in the same statement.
CREATE FUNCTION "LessonStudent_copy_lesson"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT l."startsAt", l."endsAt", l."status" INTO NEW."startsAt", NEW."endsAt", NEW."status"
    FROM "Lesson" l WHERE l."id" = NEW."lessonId";
    RETURN NEW;
END;
$$;

CREATE TRIGGER "LessonStudent_copy_lesson" BEFORE INSERT OR UPDATE ON "LessonStudent"
    FOR EACH ROW EXECUTE FUNCTION "LessonStudent_copy_lesson"();

CREATE FUNCTION "Lesson_copy_to_seats"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "LessonStudent" SET "startsAt" = NEW."startsAt", "endsAt" = NEW."endsAt", "status" = NEW."status"
    WHERE "lessonId" = NEW."id";
    RETURN NULL;
END;
$$;

CREATE TRIGGER "Lesson_copy_to_seats" AFTER UPDATE OF "startsAt", "endsAt", "status" ON "Lesson"
    FOR EACH ROW WHEN (OLD."startsAt" IS DISTINCT FROM NEW."startsAt" OR OLD."endsAt" IS DISTINCT FROM NEW."endsAt" OR OLD."status" IS DISTINCT FROM NEW."status")
    EXECUTE FUNCTION "Lesson_copy_to_seats"();

-- Seats that exist already (the trigger fills in the copies).
UPDATE "LessonStudent" SET "lessonId" = "lessonId";
ALTER TABLE "LessonStudent" ADD CONSTRAINT "LessonStudent_lesson_copy_check"
    CHECK ("startsAt" IS NOT NULL AND "endsAt" IS NOT NULL AND "status" IS NOT NULL);

-- Half-open ranges [start, end): a lesson may start when the previous one ends. The times are
-- UTC in `timestamp` columns, hence tsrange. Cancelled lessons do not take the time.
ALTER TABLE "Lesson" ADD CONSTRAINT "Lesson_teacher_no_overlap"
    EXCLUDE USING gist ("teacherId" WITH =, tsrange("startsAt", "endsAt", '[)') WITH &&)
    WHERE ("status" <> 'cancelled');
ALTER TABLE "LessonStudent" ADD CONSTRAINT "LessonStudent_student_no_overlap"
    EXCLUDE USING gist ("studentId" WITH =, tsrange("startsAt", "endsAt", '[)') WITH &&)
    WHERE ("status" <> 'cancelled');
