-- CreateEnum
CREATE TYPE "RecordingConsent" AS ENUM ('notice', 'opt_out');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "recordingOptOut" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SchoolSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "recordLessonsAutomatically" BOOLEAN NOT NULL DEFAULT false,
    "recordingConsent" "RecordingConsent" NOT NULL DEFAULT 'notice',
    "recordingRetentionDays" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SchoolSettings_pkey" PRIMARY KEY ("id")
);

-- The school has one settings row, with the defaults above.
ALTER TABLE "SchoolSettings" ADD CONSTRAINT "SchoolSettings_single_row_check" CHECK ("id" = 1);
ALTER TABLE "SchoolSettings" ADD CONSTRAINT "SchoolSettings_retention_check" CHECK ("recordingRetentionDays" > 0);
INSERT INTO "SchoolSettings" ("id", "updatedAt") VALUES (1, CURRENT_TIMESTAMP);
