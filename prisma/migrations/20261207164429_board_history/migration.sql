-- CreateTable
CREATE TABLE "BoardHistory" (
    "id" BIGSERIAL NOT NULL,
    "lessonId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "BoardHistory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BoardHistory_lessonId_at_idx" ON "BoardHistory"("lessonId", "at");

-- AddForeignKey
ALTER TABLE "BoardHistory" ADD CONSTRAINT "BoardHistory_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;
