-- AlterTable
ALTER TABLE "Purchase" ADD COLUMN     "choiceNotifiedAt" TIMESTAMP(3);
