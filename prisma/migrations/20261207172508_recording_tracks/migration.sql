-- CreateTable
CREATE TABLE "RecordingTrack" (
    "id" UUID NOT NULL,
    "lessonId" UUID NOT NULL,
    "participantId" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "fileId" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "stoppedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecordingTrack_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RecordingTrack_fileId_key" ON "RecordingTrack"("fileId");

-- CreateIndex
CREATE INDEX "RecordingTrack_lessonId_startedAt_idx" ON "RecordingTrack"("lessonId", "startedAt");

-- AddForeignKey
ALTER TABLE "RecordingTrack" ADD CONSTRAINT "RecordingTrack_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordingTrack" ADD CONSTRAINT "RecordingTrack_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordingTrack" ADD CONSTRAINT "RecordingTrack_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "UploadedFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
