-- AlterTable
ALTER TABLE "Material" ADD COLUMN     "fileIds" UUID[],
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';
