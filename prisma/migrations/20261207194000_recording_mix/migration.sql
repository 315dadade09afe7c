-- CreateTable
CREATE TABLE "RecordingMix" (
    "id" UUID NOT NULL,
    "lessonId" UUID NOT NULL,
    "fileId" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordingMix_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RecordingMix_lessonId_key" ON "RecordingMix"("lessonId");

-- CreateIndex
CREATE UNIQUE INDEX "RecordingMix_fileId_key" ON "RecordingMix"("fileId");

-- AddForeignKey
ALTER TABLE "RecordingMix" ADD CONSTRAINT "RecordingMix_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordingMix" ADD CONSTRAINT "RecordingMix_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "UploadedFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
