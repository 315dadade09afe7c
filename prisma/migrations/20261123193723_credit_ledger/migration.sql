-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('cash', 'bank');

-- AlterTable
ALTER TABLE "CreditEntry" ADD COLUMN     "actorId" UUID,
ADD COLUMN     "lessonId" UUID;

-- AlterTable
ALTER TABLE "Purchase" ADD COLUMN     "method" "PaymentMethod";

-- CreateTable
CREATE TABLE "CreditAccount" (
    "studentId" UUID NOT NULL,
    "available" INTEGER NOT NULL DEFAULT 0,
    "held" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditAccount_pkey" PRIMARY KEY ("studentId")
);

-- CreateTable
CREATE TABLE "CreditFreeze" (
    "id" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "purchaseId" UUID NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "days" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditFreeze_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CreditFreeze_studentId_startsAt_idx" ON "CreditFreeze"("studentId", "startsAt");

-- CreateIndex
CREATE INDEX "CreditFreeze_purchaseId_idx" ON "CreditFreeze"("purchaseId");

-- CreateIndex
CREATE INDEX "CreditEntry_lessonId_idx" ON "CreditEntry"("lessonId");

-- AddForeignKey
ALTER TABLE "CreditEntry" ADD CONSTRAINT "CreditEntry_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditEntry" ADD CONSTRAINT "CreditEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditAccount" ADD CONSTRAINT "CreditAccount_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditFreeze" ADD CONSTRAINT "CreditFreeze_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditFreeze" ADD CONSTRAINT "CreditFreeze_purchaseId_fkey" FOREIGN KEY ("purchaseId") REFERENCES "Purchase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The cached balance can never go negative, whatever the code does.
ALTER TABLE "CreditAccount" ADD CONSTRAINT "CreditAccount_available_check" CHECK ("available" >= 0);
ALTER TABLE "CreditAccount" ADD CONSTRAINT "CreditAccount_held_check" CHECK ("held" >= 0);
ALTER TABLE "CreditFreeze" ADD CONSTRAINT "CreditFreeze_days_check" CHECK ("days" > 0 AND "endsAt" > "startsAt");

-- Accounts for the ledgers written before this migration (no holds existed then).
INSERT INTO "CreditAccount" ("studentId", "available", "held")
SELECT "studentId", GREATEST(SUM("delta"), 0), 0 FROM "CreditEntry" GROUP BY "studentId";
